import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation is valid only when the schema has a root type for its kind: the graph has no
 * subscriptions, so `subscription { … }` is refused here. graphql-js 16 checks this only when
 * executing (17 adds the rule), and later stages assume every field has a parent type.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`The graph serves no ${node.operation} operations.`, { nodes: node }));
    }
    return false;
  },
});
