import type { GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFunction, type IMiddlewareTypeMap } from 'graphql-middleware';
import { governedObjectTypes } from '../enforcement/federationInternals';
import { reattachResolveReference } from '../enforcement/reattachResolveReference';
import type { DisclosureCollector } from './DisclosureCollector';

/**
 * The disclosure log for a subgraph that enforces no policy (`policies: 'off'`, benchmarks
 * only): every value served is noted. With policies on, `guardFields` notes records
 * inside the shield instead, in the same layer.
 */
export function logDisclosures(schema: GraphQLSchema, disclosures: DisclosureCollector, resolvers: Record<string, any>): GraphQLSchema {
  const map: IMiddlewareTypeMap = {};
  for (const type of governedObjectTypes(schema)) {
    const fields: Record<string, IMiddlewareFunction> = {};
    for (const name of Object.keys(type.getFields())) {
      if (!disclosures.discloses(type.name, name)) continue;
      fields[name] = (resolve, parent, args, context, info) => {
        disclosures.note(context, type.name, name, parent, info, false);
        return resolve(parent, args, context, info);
      };
    }
    if (Object.keys(fields).length > 0) map[type.name] = fields;
  }
  if (Object.keys(map).length === 0) return schema;
  const logged = applyMiddleware(schema, map);
  reattachResolveReference(schema, logged, resolvers);
  return logged;
}
