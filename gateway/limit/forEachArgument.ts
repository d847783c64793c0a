import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type DirectiveNode,
  type ExecutableDefinitionNode,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * `coordinate`: where the argument is, `Type.field.argument` for a field's (the type the
 * field is selected on, an interface when selected through one), `@directive.argument` for a
 * directive's; undefined under a field the schema does not have.
 */
export type ArgumentFound = (node: ArgumentNode, definition: GraphQLArgument | undefined, coordinate: string | undefined) => void;

/**
 * Every argument of an operation's or a fragment's fields and directives, with its
 * definition in the schema (undefined under a field the schema does not have) and its schema
 * coordinate. Fragment spreads are not followed: each fragment is a definition of its own,
 * visited once.
 */
export function forEachArgument(schema: GraphQLSchema, definition: ExecutableDefinitionNode, found: ArgumentFound): void {
  const directives = (nodes: readonly DirectiveNode[] | undefined) => {
    for (const directive of nodes ?? []) {
      const args = schema.getDirective(directive.name.value)?.args;
      for (const argument of directive.arguments ?? [])
        found(
          argument,
          args?.find((arg) => arg.name === argument.name.value),
          args && `@${directive.name.value}.${argument.name.value}`,
        );
    }
  };
  const selections = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): void => {
    const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : undefined;
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length) directives(selection.directives);
      if (selection.kind === Kind.FIELD) {
        // Most fields are leaves without arguments: nothing to look up.
        if (!selection.arguments?.length && !selection.selectionSet) continue;
        const field = fields?.[selection.name.value];
        if (selection.arguments?.length)
          for (const argument of selection.arguments)
            found(
              argument,
              field?.args.find((arg) => arg.name === argument.name.value),
              field && `${parent!.name}.${field.name}.${argument.name.value}`,
            );
        if (selection.selectionSet) selections(selection.selectionSet, field && getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        selections(selection.selectionSet, selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent);
      }
    }
  };
  directives(definition.directives);
  if (definition.kind === Kind.OPERATION_DEFINITION) {
    for (const variable of definition.variableDefinitions ?? []) directives(variable.directives);
    selections(definition.selectionSet, schema.getRootType(definition.operation) ?? undefined);
  } else {
    selections(definition.selectionSet, schema.getType(definition.typeCondition.name.value) ?? undefined);
  }
}
