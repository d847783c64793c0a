import { buildASTSchema, parse, printSchema, type GraphQLSchema } from 'graphql';

/**
 * A copy of a schema with no field resolvers: the gateway's schema carries resolvers
 * (Apollo Server's instrumentation wraps them), and those would bypass the re-execution's
 * own resolver. Built once per schema; the map goes with the schema.
 */
export function createPlainSchemas(): (schema: GraphQLSchema) => GraphQLSchema {
  const copies = new WeakMap<GraphQLSchema, GraphQLSchema>();
  return (schema) => {
    let copy = copies.get(schema);
    if (!copy) {
      copy = buildASTSchema(parse(printSchema(schema)), { assumeValidSDL: true });
      copies.set(schema, copy);
    }
    return copy;
  };
}
