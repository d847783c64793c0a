import { isObjectType, type GraphQLSchema } from 'graphql';

type ResolveReference = (...args: any[]) => unknown;

interface SubgraphTypeExtensions {
  apollo?: { subgraph?: { resolveReference?: ResolveReference } };
}

function resolveReferenceOf(extensions: unknown): ResolveReference | undefined {
  return (extensions as SubgraphTypeExtensions | undefined)?.apollo?.subgraph?.resolveReference;
}

/**
 * The trap: applying middleware rebuilds the schema, and `_entities` finds each entity's
 * `__resolveReference` on the type object (@apollo/subgraph 2.x keeps it in
 * `type.extensions.apollo.subgraph.resolveReference`). A rebuild that does not carry it
 * over makes `_entities` return bare keys: no record, no owner, every field null. This
 * puts each resolver's `__resolveReference` back on its type and fails start-up if an
 * entity of the original schema still has none.
 */
export function reattachResolveReference(original: GraphQLSchema, rebuilt: GraphQLSchema, resolvers: Record<string, any>): void {
  for (const [typeName, typeResolvers] of Object.entries(resolvers)) {
    const resolveReference = (typeResolvers as { __resolveReference?: ResolveReference } | undefined)?.__resolveReference;
    const type = rebuilt.getType(typeName);
    if (!resolveReference || !isObjectType(type) || resolveReferenceOf(type.extensions) === resolveReference) continue;
    const extensions = (type.extensions ?? {}) as SubgraphTypeExtensions & Record<string, unknown>;
    type.extensions = { ...extensions, apollo: { ...extensions.apollo, subgraph: { ...extensions.apollo?.subgraph, resolveReference } } };
  }
  for (const type of Object.values(original.getTypeMap())) {
    if (!isObjectType(type) || !resolveReferenceOf(type.extensions)) continue;
    const rebuiltType = rebuilt.getType(type.name);
    if (!isObjectType(rebuiltType) || !resolveReferenceOf(rebuiltType.extensions)) {
      throw new Error(`Policy enforcement lost ${type.name}.__resolveReference while wrapping the schema; _entities could not load ${type.name} records`);
    }
  }
}
