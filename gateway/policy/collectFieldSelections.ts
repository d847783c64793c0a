import {
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isIncluded } from './isIncluded';

/** One field of the document the executed operation selects, with what the policies must decide for it. */
export interface FieldSelection {
  node: FieldNode;
  /**
   * `Type.field` for each concrete object type the field may be read on: one for a field
   * of an object type; every possible type for a field of an interface, because the
   * policies govern records, and a record always has a concrete type.
   */
  coordinates: readonly string[];
  /** True when the field is selected on an interface (its coordinates are the interface's possible types). */
  onAbstractType: boolean;
}

/**
 * Every field the executed operation selects with these variables: skipped and
 * not-included selections do not count; named and inline fragments are followed; other
 * operations of the document are not looked at; `__typename` and introspection
 * (`__schema`, `__type` and what they select) are not governed by the policies.
 * A field reached through several fragment spreads is reported once.
 */
export function collectFieldSelections(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): FieldSelection[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeInfo = new TypeInfo(schema);
  const selections = new Map<FieldNode, FieldSelection>();
  // A fragment selects the same fields wherever it is spread (its type condition and the
  // variables are the same), so each is walked once: no blow-up from fragments spread many times.
  const walked = new Set<string>();

  const visitor: ASTVisitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      if (!isIncluded(node, variables)) return false;
      if (node.name.value.startsWith('__')) return false;
      const parent = typeInfo.getParentType();
      // Validation has passed, so every field is known; stay closed if that ever fails.
      if (!parent) throw new Error(`Cannot decide field ${node.name.value}: its parent type is unknown`);
      if (selections.has(node)) return undefined;
      const onAbstractType = isAbstractType(parent);
      const types = onAbstractType ? schema.getPossibleTypes(parent) : [parent];
      selections.set(node, { node, coordinates: types.map((type) => `${type.name}.${node.name.value}`), onAbstractType });
      return undefined;
    },
    InlineFragment(node) {
      return isIncluded(node, variables) ? undefined : false;
    },
    FragmentSpread(node) {
      if (!isIncluded(node, variables)) return false;
      const fragment = fragments.get(node.name.value);
      if (!fragment || walked.has(fragment.name.value)) return undefined;
      walked.add(fragment.name.value);
      // The same TypeInfo walks the fragment: entering its definition sets the type condition.
      visit(fragment, visitor);
      return undefined;
    },
  });
  visit(operation, visitor);
  return [...selections.values()];
}
