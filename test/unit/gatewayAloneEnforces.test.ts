import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { collectFieldSelections, decideOperation } from '../../gateway/policy';
import { ALLOW, DENY, fakePolicySet } from '../support/fixtureDepartments';

/**
 * What the gateway does itself when the subgraphs do not enforce the policies again (any
 * federation subgraph not built on govgraph's kit): nothing may reach the client that only a
 * subgraph could have masked or withheld.
 */
const schema = buildSchema('type Query { things: [Thing!]! } type Thing { id: ID! name: String diary: String }');
const policies = fakePolicySet({
  'Thing.name': () => ({ kind: 'MASK', mask: 'name' }),
  'Thing.diary': () => ({ others: DENY, own: ALLOW }),
});
const reader = { identity: { sub: 'u-1', roles: ['citizen'], dept: null, clearance: 1 }, purpose: null };

function decided(subgraphsEnforce: boolean) {
  const document = parse('{ things { id name diary } }');
  const operation = document.definitions[0] as OperationDefinitionNode;
  const policy = decideOperation(collectFieldSelections(schema, document, operation, {}), policies, reader, { subgraphsEnforce });
  return { denied: [...policy.denied], perValue: Object.fromEntries(policy.keyAccess) };
}

describe('decideOperation, by who enforces', () => {
  it('subgraphs enforce → a masked field and an own-record-only field pass to them', () => {
    expect(decided(true)).toEqual({ denied: [], perValue: {} });
  });

  it('the gateway alone → a masked field masked by the gateway, value by value', () => {
    expect(decided(false).perValue).toEqual({ 'Thing.name': { others: { kind: 'MASK', mask: 'name' } } });
  });

  it("the gateway alone → a field granted only on the reader's own records withheld (no subgraph would tell whose a record is)", () => {
    expect(decided(false).denied).toEqual(['Thing.diary']);
  });
});
