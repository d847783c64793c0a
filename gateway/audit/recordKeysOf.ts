import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';

/**
 * The record keys a request names: every value given to an argument of type `ID` in the
 * executed operation (and the fragments it uses), written in the document or passed as a
 * variable, ID fields of input objects and ID lists included. Sorted, without repeats.
 * Keys are how a request says whose records it wants (`person(idNumber:)`,
 * `application(id:)`), so they are what an audit query by subject matches.
 */
export function recordKeysOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): string[] {
  const keys = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);

  const fromValue = (value: unknown, type: GraphQLInputType): void => {
    if (value === null || value === undefined) return;
    if (isNonNullType(type)) return fromValue(value, type.ofType);
    if (isListType(type)) {
      for (const item of Array.isArray(value) ? value : [value]) fromValue(item, type.ofType);
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object') return;
      for (const field of Object.values(type.getFields())) fromValue((value as Record<string, unknown>)[field.name], field.type);
      return;
    }
    if (getNamedType(type).name === 'ID' && (typeof value === 'string' || typeof value === 'number')) keys.add(String(value));
  };

  const fromNode = (node: ValueNode, type: GraphQLInputType): void => {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (variables[name] !== undefined) return fromValue(variables[name], type);
      const fallback = defaults.get(name);
      return fallback ? fromNode(fallback, type) : undefined;
    }
    if (isNonNullType(type)) return fromNode(node, type.ofType);
    if (isListType(type)) {
      for (const item of node.kind === Kind.LIST ? node.values : [node]) fromNode(item, type.ofType);
      return;
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return;
      const fields = type.getFields();
      for (const field of node.fields) if (fields[field.name.value]) fromNode(field.value, fields[field.name.value].type);
      return;
    }
    if (getNamedType(type).name === 'ID' && (node.kind === Kind.STRING || node.kind === Kind.INT)) keys.add(node.value);
  };

  const visited = new Set<string>();
  const walk = (root: ASTNode): void => {
    const typeInfo = new TypeInfo(schema);
    visit(
      root,
      visitWithTypeInfo(typeInfo, {
        Argument(argument) {
          const type = typeInfo.getInputType();
          if (type) fromNode(argument.value, type);
          return false;
        },
        FragmentSpread(spread) {
          const fragment = fragments.get(spread.name.value);
          if (fragment && !visited.has(fragment.name.value)) {
            visited.add(fragment.name.value);
            walk(fragment);
          }
        },
      }),
    );
  };
  walk(operation);
  return [...keys].sort();
}
