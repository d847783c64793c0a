import { fund } from '../../subgraphs/fund';
import { fundAccounts } from '../../subgraphs/fund/standIn';
import { population } from '../../subgraphs/population';
import { citizen } from '../support/gatewayTokens';
import { startStack, type Stack } from '../support/startStack';

/** A department over a REST API behind the gateway: the same policies, one API call per level of a request. */
const SEED = { seed: 7, scale: 0.1 };
const PERSON = `query ($id: ID!) { person(idNumber: $id) { name housingFund { status openedOn monthlyDeposit } } }`;
const PEOPLE = `query ($first: Int!) { people(first: $first) { edges { node { idNumber housingFund { openedOn } } } } }`;
const REVIEWER = { sub: 'reviewer-0001', roles: ['reviewer'], dept: 'services', clearance: 3 };
const CASEWORKER = { sub: 'caseworker-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };

const accounts = [...fundAccounts(SEED).values()];
const paying = accounts.find((account) => account.grzhzt === '01' && account.yjce > 0)!;
const migrated = accounts.find((account) => account.grzhzt === '1' || account.grzhzt === '9')!;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ ...SEED, departments: [population, fund] });
});

afterAll(async () => {
  await stack?.close();
});

describe('fund through the gateway', () => {
  it("a reviewer reviewing an application → the applicant's name from population and the fund account from the center's API in one answer", async () => {
    const { body } = await stack.request(PERSON, { id: paying.zjhm }, { as: REVIEWER, purpose: 'application-review' });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.name).toEqual(expect.any(String));
    expect(body.data.person.housingFund).toEqual({
      status: 'ACTIVE',
      openedOn: `${paying.khrq.slice(0, 4)}-${paying.khrq.slice(4, 6)}-${paying.khrq.slice(6)}`,
      monthlyDeposit: paying.yjce,
    });
  });

  it('a reviewer without that purpose → the monthly deposit alone FORBIDDEN, the rest served', async () => {
    const { body } = await stack.request(PERSON, { id: paying.zjhm }, { as: REVIEWER });
    expect(body.data.person.housingFund).toMatchObject({ status: 'ACTIVE', monthlyDeposit: null });
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.coordinate])).toEqual([['FORBIDDEN', 'HousingFundAccount.monthlyDeposit']]);
  });

  it("an account carrying the center's old unmapped status code → status null with UNMAPPED_CODE naming fund, never the ID number; the rest served", async () => {
    const { body } = await stack.request(PERSON, { id: migrated.zjhm }, { as: REVIEWER, purpose: 'application-review' });
    expect(body.data.person.housingFund).toMatchObject({ status: null, monthlyDeposit: migrated.yjce });
    expect(body.errors?.map((e) => ({ code: e.extensions?.code, department: e.extensions?.department }))).toEqual([{ code: 'UNMAPPED_CODE', department: 'fund' }]);
    expect(JSON.stringify(body.errors)).not.toContain(migrated.zjhm);
  });

  it('a list of 5 persons and one of 40 → one getAccounts call each, none per person', async () => {
    for (const first of [5, 40]) {
      const before = { one: stack.fundStandIn!.callsTo('getAccount'), many: stack.fundStandIn!.callsTo('getAccounts') };
      const { body } = await stack.request(PEOPLE, { first }, { as: CASEWORKER });
      expect(body.errors).toBeUndefined();
      expect(body.data.people.edges).toHaveLength(first);
      const calls = { one: stack.fundStandIn!.callsTo('getAccount') - before.one, many: stack.fundStandIn!.callsTo('getAccounts') - before.many };
      expect(calls).toEqual({ one: 0, many: 1 });
    }
  });

  it("a resident asks who read their fund account → the reviewer's read, in the department's own disclosure log", async () => {
    await stack.request(PERSON, { id: paying.zjhm }, { as: REVIEWER, purpose: 'application-review' });
    const { body } = await stack.request(
      `{ fundDisclosures { edges { node { department recordType recordKey purpose fields reader { sub } } } } }`,
      {},
      { as: citizen(paying.zjhm), purpose: 'self-service' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.fundDisclosures.edges.map((edge: any) => edge.node)).toContainEqual({
      department: 'fund',
      recordType: 'Person',
      recordKey: paying.zjhm,
      purpose: 'application-review',
      fields: ['housingFund'],
      reader: { sub: REVIEWER.sub },
    });
  });
});
