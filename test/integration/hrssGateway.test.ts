import { legacyInsuredRows } from '../../subgraphs/hrss/standInSystem';
import { citizen } from '../support/gatewayTokens';
import { startStack, type Stack } from '../support/startStack';

/** A declared department behind the gateway: the same policies, the same reads across departments. */
const SEED = { seed: 7, scale: 0.1 };
const PERSON = `query ($id: ID!) { person(idNumber: $id) { name socialInsurance { status insuredSince contributionBase insuringCity { code name } } } }`;
const REVIEWER = { sub: 'reviewer-0001', roles: ['reviewer'], dept: 'services', clearance: 3 };

let stack: Stack;
const row = legacyInsuredRows(SEED).find((r) => r.AAC008 === '1' && r.AAB301.length === 6)!;

beforeAll(async () => {
  stack = await startStack(SEED);
});

afterAll(async () => {
  await stack?.close();
});

describe('hrss through the gateway', () => {
  it("a reviewer reviewing an application → the applicant's name from population and insurance from hrss in one answer", async () => {
    const { body } = await stack.request(PERSON, { id: row.AAC002 }, { as: REVIEWER, purpose: 'application-review' });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.name).toEqual(expect.any(String));
    expect(body.data.person.socialInsurance).toMatchObject({ status: 'ACTIVE', contributionBase: row.AAC040, insuringCity: { code: row.AAB301 } });
  });

  it('a reviewer without that purpose → the contribution base alone FORBIDDEN, the rest served', async () => {
    const { body } = await stack.request(PERSON, { id: row.AAC002 }, { as: REVIEWER });
    expect(body.data.person.socialInsurance).toMatchObject({ status: 'ACTIVE', contributionBase: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.coordinate])).toEqual([['FORBIDDEN', 'SocialInsurance.contributionBase']]);
  });

  it("a resident → their own insurance, and another resident's not at all", async () => {
    const own = await stack.request(PERSON, { id: row.AAC002 }, { as: citizen(row.AAC002), purpose: 'self-service' });
    expect(own.body.data.person.socialInsurance.status).toBe('ACTIVE');
    const other = legacyInsuredRows(SEED).find((r) => r.AAC002 !== row.AAC002)!;
    const theirs = await stack.request(PERSON, { id: other.AAC002 }, { as: citizen(row.AAC002), purpose: 'self-service' });
    expect(theirs.body.data?.person?.socialInsurance ?? null).toBeNull();
  });

  it("a resident asks who read their insurance → the reviewer's read, in the department's own disclosure log", async () => {
    await stack.request(PERSON, { id: row.AAC002 }, { as: REVIEWER, purpose: 'application-review' });
    const { body } = await stack.request(
      `{ hrssDisclosures { edges { node { department recordType recordKey purpose fields reader { sub } } } } }`,
      {},
      { as: citizen(row.AAC002), purpose: 'self-service' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.hrssDisclosures.edges.map((edge: any) => edge.node)).toContainEqual({
      department: 'hrss',
      recordType: 'Person',
      recordKey: row.AAC002,
      purpose: 'application-review',
      fields: ['socialInsurance'],
      reader: { sub: REVIEWER.sub },
    });
  });
});
