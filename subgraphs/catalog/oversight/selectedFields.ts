import {
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type ASTVisitor,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';

/** One field an operation selects, where it selects it. */
export interface SelectedField {
  /** `Type.field`; for a field selected on an interface or union, one per possible type. */
  coordinate: string;
  /** The response path by field names (aliases ignored): `person.householdAddress`. */
  path: string;
}

/** Fields walked (each fragment counted where it is spread) before the walk gives up. */
export const MAX_SELECTED_FIELDS = 5000;

/** True when `@skip(if: true)` or `@include(if: false)` leaves the selection out whatever the variables. */
function leftOut(directives: readonly DirectiveNode[] | undefined): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
    // A variable may go either way: the selection counts.
    if (condition?.kind === Kind.BOOLEAN && condition.value === (name === 'skip')) return true;
  }
  return false;
}

/**
 * Every field the operations of a validated document select, by coordinate and response
 * path, in selection order, each pair once: nested fields, named fragments (walked where
 * each is spread, so that paths are right) and inline fragments. `__typename` and
 * introspection are not governed by the policies and are left out, and so is what
 * `@skip`/`@include` leave out whatever the variables. A field on an interface or union
 * counts once for each possible type, as the gateway decides it: records have concrete
 * types. Null when the walk passes `limit` fields (fragments spread within fragments can
 * multiply a small document).
 */
export function selectedFields(schema: GraphQLSchema, document: DocumentNode, limit = MAX_SELECTED_FIELDS): SelectedField[] | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const spreading = new Set<string>();
  const found = new Map<string, SelectedField>();
  let walked = 0;

  const visitor: ASTVisitor = visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        if (walked > limit) return BREAK;
        if (node.name.value.startsWith('__') || leftOut(node.directives)) return false;
        const parent = typeInfo.getParentType();
        // Validation has passed, so every field is known; stay closed if that ever fails.
        if (!parent) throw new Error(`Cannot explain field ${node.name.value}: its parent type is unknown`);
        walked += 1;
        if (walked > limit) return BREAK;
        path.push(node.name.value);
        const at = path.join('.');
        for (const type of isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent]) {
          const coordinate = `${type.name}.${node.name.value}`;
          const key = `${coordinate} ${at}`;
          if (!found.has(key)) found.set(key, { coordinate, path: at });
        }
        return undefined;
      },
      leave() {
        path.pop();
      },
    },
    InlineFragment(node) {
      return leftOut(node.directives) ? false : undefined;
    },
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      // Validation refuses cycles; `spreading` keeps the walk finite should one ever pass.
      if (walked > limit || leftOut(node.directives) || !fragment || spreading.has(fragment.name.value)) return false;
      spreading.add(fragment.name.value);
      // The same TypeInfo walks the fragment: entering its definition sets the type condition.
      visit(fragment, visitor);
      spreading.delete(fragment.name.value);
      return false;
    },
  });
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) visit(definition, visitor);
    if (walked > limit) return null;
  }
  return [...found.values()];
}
