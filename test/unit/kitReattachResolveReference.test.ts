import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { reattachResolveReference } from '../../subgraphs/kit/enforcement/reattachResolveReference';

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") { id: ID! name: String! }
  type Query { thing(id: ID!): Thing }
`);
const resolvers = {
  Thing: { __resolveReference: ({ id }: { id: string }) => ({ id, name: `thing ${id}` }) },
  Query: { thing: (_: unknown, { id }: { id: string }) => ({ id, name: `thing ${id}` }) },
};

/** A middleware-wrapped copy that has lost Thing's __resolveReference, as some rebuilds do. */
function rebuiltWithoutResolveReference(original: GraphQLSchema): GraphQLSchema {
  const rebuilt = applyMiddleware(original, async (resolve, ...args) => resolve(...args));
  const thing = rebuilt.getType('Thing');
  if (isObjectType(thing)) thing.extensions = {};
  return rebuilt;
}

const ENTITIES = '{ _entities(representations: [{ __typename: "Thing", id: "7" }]) { ... on Thing { name } } }';

describe('reattachResolveReference', () => {
  it('a wrapped schema that lost __resolveReference → _entities loads records again', async () => {
    const original = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]);
    const rebuilt = rebuiltWithoutResolveReference(original);
    reattachResolveReference(original, rebuilt, resolvers);
    expect(await graphql({ schema: rebuilt, source: ENTITIES })).toEqual({ data: { _entities: [{ name: 'thing 7' }] } });
  });

  it('an entity whose __resolveReference is in no resolver map → an error naming the type', () => {
    const original = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as any }]);
    const rebuilt = rebuiltWithoutResolveReference(original);
    expect(() => reattachResolveReference(original, rebuilt, {})).toThrow(/lost Thing\.__resolveReference/);
  });
});
