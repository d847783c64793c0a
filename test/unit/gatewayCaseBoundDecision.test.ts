import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { collectFieldSelections, decideOperation } from '../../gateway/policy';
import type { FieldDecision, PolicySet } from '../../policies';

const schema = buildSchema('type Query { person(id: ID!): Person } type Person { id: ID! address: String }');

/** Denies Person.address to others; `caseParty` as given. */
function policies(caseParty: FieldDecision['caseParty'], keyFields: string[] = []): PolicySet {
  return {
    hash: 'h',
    purposes: [],
    roles: [],
    decide: (coordinate) =>
      coordinate === 'Person.address' || coordinate === 'Person.id'
        ? { coordinate, others: { kind: 'DENY' }, ...(caseParty && { caseParty }), rule: null, reason: 'test' }
        : { coordinate, others: { kind: 'ALLOW' }, rule: null, reason: 'test' },
    isKeyField: (coordinate) => keyFields.includes(coordinate),
    catalog: () => [],
  };
}

function denied(set: PolicySet, query = '{ person(id: "1") { address } }'): string[] {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return [...decideOperation(collectFieldSelections(schema, document, operation, {}), set, { identity: null, purpose: null }).denied];
}

describe('the gateway and case-bound grants', () => {
  it('a field denied to others but granted on a case’s parties → planned, for the department to decide per record', () => {
    expect(denied(policies({ kind: 'ALLOW' }))).toEqual([]);
  });

  it('a field denied with no case-bound grant → withheld', () => {
    expect(denied(policies(undefined))).toEqual(['Person.address']);
  });

  it('a key field granted only on a case’s parties → withheld (the gateway cannot tell whose key it is)', () => {
    expect(denied(policies({ kind: 'ALLOW' }, ['Person.id']), '{ person(id: "1") { id } }')).toEqual(['Person.id']);
  });
});
