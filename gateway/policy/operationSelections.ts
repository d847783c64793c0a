import { getVariableValues, Kind, visit, type DocumentNode, type FieldNode, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { collectFieldSelections, type FieldSelection } from './collectFieldSelections';
import type { Removal } from './decideOperation';
import { filterDocument, type FilteredOperation } from './filterDocument';

/** How many variants (of @skip/@include variables, of withheld sets) are kept per operation. */
const VARIANTS_PER_OPERATION = 64;

interface OperationEntry {
  schema: GraphQLSchema;
  /** Variables that @skip/@include read: only they change which fields are selected. */
  directiveVariables: readonly string[];
  selections: Map<string, FieldSelection[]>;
  filtered: Map<string, FilteredOperation>;
}

export type SelectionsResult = { kind: 'selections'; selections: FieldSelection[]; variantKey: string } | { kind: 'invalidVariables'; errors: readonly GraphQLError[] };

/** A variable not sent differs from one sent as null: the first takes its default. */
const ABSENT = { absent: true };

function directiveVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return false;
      for (const argument of node.arguments ?? []) if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
      return false;
    },
  });
  return [...names].sort();
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= VARIANTS_PER_OPERATION) map.clear();
  map.set(key, value);
  return value;
}

/**
 * The per-gateway memory of operations already walked, so that a query seen before costs
 * a map lookup, not a document walk. Apollo Server hands the same parsed document to every
 * request with the same text, so entries are keyed by its operation node and go with it.
 * Nothing here depends on the reader: decisions are taken per request.
 */
export function createOperationSelections() {
  const entries = new WeakMap<OperationDefinitionNode, OperationEntry>();

  function entryOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationEntry {
    let entry = entries.get(operation);
    if (!entry || entry.schema !== schema) {
      entry = { schema, directiveVariables: directiveVariablesOf(document), selections: new Map(), filtered: new Map() };
      entries.set(operation, entry);
    }
    return entry;
  }

  return {
    /** The fields the operation selects with these variables. */
    selectionsOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> | undefined): SelectionsResult {
      const entry = entryOf(schema, document, operation);
      const variantKey = entry.directiveVariables.length
        ? JSON.stringify(entry.directiveVariables.map((name) => (rawVariables && Object.hasOwn(rawVariables, name) ? rawVariables[name] : ABSENT)))
        : '';
      const known = entry.selections.get(variantKey);
      if (known) return { kind: 'selections', selections: known, variantKey };
      let variables: Record<string, unknown> = {};
      if (entry.directiveVariables.length) {
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
        if (coerced.errors) return { kind: 'invalidVariables', errors: coerced.errors };
        variables = coerced.coerced;
      }
      return { kind: 'selections', selections: remember(entry.selections, variantKey, collectFieldSelections(schema, document, operation, variables)), variantKey };
    },

    /** The filtered document for this variant and these withheld coordinates. */
    filteredOf(
      schema: GraphQLSchema,
      document: DocumentNode,
      operation: OperationDefinitionNode,
      variantKey: string,
      denied: ReadonlySet<string>,
      removals: ReadonlyMap<FieldNode, Removal>,
    ): FilteredOperation {
      const entry = entryOf(schema, document, operation);
      // The selections are fixed by the variant, the removals by them and the withheld set.
      const key = `${variantKey}\u0000${[...denied].sort().join(',')}`;
      return entry.filtered.get(key) ?? remember(entry.filtered, key, filterDocument(schema, document, operation, removals));
    },
  };
}

export type OperationSelections = ReturnType<typeof createOperationSelections>;
