import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/**
 * The schema clients query, built from the supergraph SDL as ApolloGateway builds it
 * (`Supergraph.build(sdl).apiSchema()`): the one Apollo Server validates operations
 * against and hands to the enforcing executor.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
