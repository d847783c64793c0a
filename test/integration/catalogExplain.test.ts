import type { Identity } from '../../policies';
import { catalog } from '../../subgraphs/catalog';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type AsReader, type Stack } from '../support/startStack';

/**
 * Query.explainMyAccess through the gateway: for an operation the caller is about to send,
 * each field it selects with what the policies give the caller, and the rule or the reason.
 */
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const CITIZEN: Identity = { sub: '110101194001291942', roles: ['citizen'], dept: null, clearance: 1 };

const EXPLAIN = `query Explain($query: String!) {
  explainMyAccess(query: $query) { valid errors purpose fields { coordinate path department access mask ownRecord caseParties grant rule } }
}`;

/** The operation explained: an alias, __typename, a named fragment with an inline fragment inside, and an officers' field. */
const REVIEW = `query Review($id: ID!) {
  applicant: person(idNumber: $id) { __typename name ...Contact }
  policyReview(revision: "HEAD") { widening }
}
fragment Contact on Person { householdAddress licenses { ... on License { kind } } }`;

const FILE_LINE = /^[a-z]+\.yaml:\d+$/;

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

describe('explainMyAccess through the gateway', () => {
  let stack: Stack;
  const explain = async (query: string, reader: AsReader) => (await stack.request(EXPLAIN, { query }, reader)).body;
  const fieldAt = (explanation: any, path: string) => explanation.fields.find((field: any) => field.path === path);

  beforeAll(async () => {
    stack = await startStack({ departments: [catalog], scale: 0.05 });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('an operation → each field it selects at its path: aliases ignored, fragments followed, __typename left out', async () => {
    const body = await explain(REVIEW, { as: CASEWORKER });
    expect(body.errors).toBeUndefined();
    expect(body.data.explainMyAccess.fields.map((field: any) => [field.coordinate, field.path])).toEqual([
      ['Query.person', 'person'],
      ['Person.name', 'person.name'],
      ['Person.householdAddress', 'person.householdAddress'],
      ['Person.licenses', 'person.licenses'],
      ['License.kind', 'person.licenses.kind'],
      ['Query.policyReview', 'policyReview'],
      ['PolicyReview.widening', 'policyReview.widening'],
    ]);
  });

  it('a caseworker, a field their role may read → ALLOW with the deciding rule as file:line', async () => {
    const body = await explain(REVIEW, { as: CASEWORKER });
    expect(fieldAt(body.data.explainMyAccess, 'person')).toEqual({
      coordinate: 'Query.person',
      path: 'person',
      department: 'population',
      access: 'ALLOW',
      mask: null,
      ownRecord: null,
      caseParties: null,
      grant: null,
      rule: expect.stringMatching(FILE_LINE),
    });
  });

  it('a caseworker, a masked field → MASK with its mask, their own record in the clear', async () => {
    const body = await explain(REVIEW, { as: CASEWORKER });
    expect(fieldAt(body.data.explainMyAccess, 'person.householdAddress')).toMatchObject({
      access: 'MASK',
      mask: 'address',
      ownRecord: 'ALLOW',
      rule: expect.stringMatching(/^population\.yaml:\d+$/),
    });
  });

  it('a caseworker, an officers-only field → DENY with the sentence saying why no rule allows it', async () => {
    const body = await explain(REVIEW, { as: CASEWORKER });
    expect(fieldAt(body.data.explainMyAccess, 'policyReview')).toMatchObject({
      department: 'catalog',
      access: 'DENY',
      ownRecord: null,
      rule: expect.stringMatching(/^caseworker of services: denied: no grant of Query\.policyReview \(catalog\.yaml:\d+\) matches$/),
    });
  });

  it("a citizen → another's household address DENY, their own ALLOW by the self rule's file:line", async () => {
    const body = await explain(REVIEW, { as: CITIZEN });
    expect(fieldAt(body.data.explainMyAccess, 'person.householdAddress')).toMatchObject({
      access: 'DENY',
      mask: null,
      ownRecord: 'ALLOW',
      rule: expect.stringMatching(/^population\.yaml:\d+$/),
    });
    expect(fieldAt(body.data.explainMyAccess, 'policyReview').rule).toMatch(/^citizen: denied: no grant of Query\.policyReview/);
  });

  it('a declared purpose → decisions for that purpose, and the purpose named', async () => {
    const body = await explain(REVIEW, { as: REVIEWER, purpose: 'application-review' });
    expect(body.data.explainMyAccess.purpose).toBe('application-review');
    expect(fieldAt(body.data.explainMyAccess, 'person.householdAddress')).toMatchObject({ access: 'ALLOW', mask: null });
  });

  it('a field the graph does not have → valid false with where and why, no field', async () => {
    const body = await explain('{ person(idNumber: "110101194001291942") { shoeSize } }', { as: CASEWORKER });
    expect(body.data.explainMyAccess).toEqual({
      valid: false,
      errors: ['1:44: Cannot query field "shoeSize" on type "Person".'],
      purpose: null,
      fields: [],
    });
  });

  it('text that is not GraphQL → valid false with the syntax error', async () => {
    const body = await explain('{ person(', { as: CASEWORKER });
    expect(body.data.explainMyAccess).toMatchObject({ valid: false, errors: [expect.stringMatching(/^1:10: Syntax Error/)], fields: [] });
  });

  it('an operation over 100 KB → BAD_USER_INPUT', async () => {
    const body = await explain(`{ catalog { totalCount } }${' '.repeat(101 * 1024)}`, { as: CASEWORKER });
    expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query', limit: 100 * 1024 });
  });

  it('anonymous → FORBIDDEN (explaining is for signed-in readers)', async () => {
    const body = await explain(REVIEW, {});
    expect(body.data?.explainMyAccess ?? null).toBeNull();
    expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.explainMyAccess' });
  });
});
