import { createHash } from 'node:crypto';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  print,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Removal } from './decideOperation';

/** The document the gateway plans and executes for one reader. */
export interface FilteredOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /**
   * sha256 of the printed filtered document. The gateway caches query plans by this hash:
   * a document filtered for one reader must never share a hash with another's.
   */
  queryHash: string;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

const isPlainTypename = (selection: SelectionNode): boolean => selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.alias;

function inlineFragmentOn(typeName: string, field: FieldNode): InlineFragmentNode {
  return {
    kind: Kind.INLINE_FRAGMENT,
    typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } },
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
}

/**
 * The executed operation (and the fragments it uses, nothing else) with `removals`
 * applied. Two more edits keep it valid and re-executable: a selection set left empty
 * selects `__typename`, and every selection on an abstract type selects `__typename`, so
 * the response can be re-executed against the original operation knowing each record's type.
 */
export function filterDocument(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, removals: ReadonlyMap<FieldNode, Removal>): FilteredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const used = new Set<string>();

  function filterSelectionSet(set: SelectionSetNode, type: GraphQLCompositeType): SelectionSetNode {
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD: {
          const removal = removals.get(selection);
          if (removal?.kind === 'remove') break;
          const field = filterField(selection, type);
          if (removal?.kind === 'narrow') selections.push(...removal.types.map((name) => inlineFragmentOn(name, field)));
          else selections.push(field);
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : type;
          selections.push({ ...selection, selectionSet: filterSelectionSet(selection.selectionSet, condition as GraphQLCompositeType) });
          break;
        }
        case Kind.FRAGMENT_SPREAD:
          used.add(selection.name.value);
          selections.push(selection);
          break;
      }
    }
    if (isAbstractType(type) && !selections.some(isPlainTypename)) selections.unshift(TYPENAME);
    if (selections.length === 0) selections.push(TYPENAME);
    return { ...set, selections };
  }

  function filterField(field: FieldNode, parent: GraphQLCompositeType): FieldNode {
    // Introspection and leaves pass unchanged; the policies do not govern introspection.
    if (!field.selectionSet || field.name.value.startsWith('__')) return field;
    const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[field.name.value] : undefined;
    const type = definition && getNamedType(definition.type);
    if (!type || !isCompositeType(type)) throw new Error(`Cannot filter field ${parent.name}.${field.name.value}: not a field with a selection`);
    return { ...field, selectionSet: filterSelectionSet(field.selectionSet, type) };
  }

  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`The schema has no ${operation.operation} type`);
  const filteredOperation: OperationDefinitionNode = { ...operation, selectionSet: filterSelectionSet(operation.selectionSet, root) };
  const filteredFragments: FragmentDefinitionNode[] = [];
  const done = new Set<string>();
  // Filtering a fragment may reveal the spreads inside it: repeat until none is new.
  for (let pending = [...used]; pending.length > 0; pending = [...used].filter((name) => !done.has(name))) {
    for (const name of pending) {
      done.add(name);
      const fragment = fragments.get(name);
      if (!fragment) continue;
      const condition = typeFromAST(schema, fragment.typeCondition) as GraphQLCompositeType;
      filteredFragments.push({ ...fragment, selectionSet: filterSelectionSet(fragment.selectionSet, condition) });
    }
  }
  const filtered: DocumentNode = { kind: Kind.DOCUMENT, definitions: [filteredOperation, ...filteredFragments] };
  return { document: filtered, operation: filteredOperation, queryHash: createHash('sha256').update(print(filtered)).digest('hex') };
}
