import { isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';

/**
 * Fields buildSubgraphSchema adds for the gateway. They carry no department data of their
 * own: `_service` returns the SDL, `_entities` turns keys into records whose fields are
 * each checked like any other. A deny-by-default shield would block them, and with them
 * every cross-department join, so they are allowed by name.
 */
export const FEDERATION_INTERNALS: ReadonlySet<string> = new Set(['Query._service', 'Query._entities', '_Service.sdl']);

/** The object types whose fields the policies govern: all but introspection types. */
export function governedObjectTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
}
