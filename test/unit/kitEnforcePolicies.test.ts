import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { enforcePolicies } from '../../subgraphs/kit/enforcement/enforcePolicies';
import { ALLOW_ALL_POLICIES, stubMask } from '../support/gatewayTokens';

const schema = buildSubgraphSchema([{ typeDefs: parse('type Thing { id: ID! } type Query { thing: Thing }') }]);

describe('enforcePolicies', () => {
  it('owners naming a type the schema does not have → an error naming it', () => {
    expect(() => enforcePolicies(schema, { policies: () => ALLOW_ALL_POLICIES, owners: { Thnig: () => null }, applyMask: stubMask, resolvers: {} })).toThrow(
      /owners\.Thnig: the subgraph schema has no object type Thnig/,
    );
  });
});
