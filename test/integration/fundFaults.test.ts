import { fund } from '../../subgraphs/fund';
import { fundAccounts } from '../../subgraphs/fund/standIn';
import { population } from '../../subgraphs/population';
import { startFaultyFundApi, type FaultyFundApi } from '../support/faultyFundApi';
import { OFFICER, startStack, type Stack } from '../support/startStack';

/** The fund center's API failing in the ways a REST API fails, as a reader of the graph meets it. */
/** A small world: five persons and one account holder are all these tests read. */
const SEED = { seed: 7, scale: 0.02 };
const PERSON = `query ($id: ID!) { person(idNumber: $id) { name housingFund { status openedOn } } }`;
const PEOPLE = `{ people(first: 5) { edges { node { name housingFund { status openedOn } } } } }`;
/** Short enough that the silent API costs the suite little, long enough for a loaded machine's honest answers. */
const TIMEOUT_MS = 400;

const accounts = fundAccounts(SEED);
const holder = [...accounts.values()].find((account) => account.grzhzt === '01')!;

let api: FaultyFundApi;
let stack: Stack;

beforeAll(async () => {
  api = await startFaultyFundApi(accounts);
  stack = await startStack({
    ...SEED,
    departments: [population, fund],
    departmentEnv: { FUND_API_URL: api.url, FUND_API_KEY: api.apiKey, GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
});

beforeEach(() => {
  api.fault = 'ok';
});

afterAll(async () => {
  await stack?.close();
  await api?.close();
});

/** What a reader learns of each error: its code and department, and whether its message names fund and keeps the ID number out. */
function errorsOf(body: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  return (body.errors ?? []).map((error) => ({
    code: error.extensions?.code,
    department: error.extensions?.department,
    namesFund: error.message.startsWith('fund: '),
    showsIdNumber: error.message.includes(holder.zjhm),
  }));
}

const SOURCE_DOWN = { code: 'SOURCE_UNAVAILABLE', department: 'fund', namesFund: true, showsIdNumber: false };

describe('fund faults through the gateway', () => {
  it('the API answers → the account served (the fault server speaks the API)', async () => {
    const { body } = await stack.request(PERSON, { id: holder.zjhm }, { as: OFFICER });
    expect(body.errors).toBeUndefined();
    expect(body.data.person.housingFund.status).toBe('ACTIVE');
  });

  it.each([
    ['no answer within the timeout', 'silent'],
    ['HTTP 500, and again when retried', 'error'],
    ['an answer that is not JSON', 'malformed'],
  ] as const)('%s → housingFund null with SOURCE_UNAVAILABLE naming fund, the name from population served', async (_condition, fault) => {
    api.fault = fault;
    const { body } = await stack.request(PERSON, { id: holder.zjhm }, { as: OFFICER });
    expect(body.data.person).toEqual({ name: expect.any(String), housingFund: null });
    expect(errorsOf(body)).toEqual([SOURCE_DOWN]);
  });

  it('a batch answer with fewer records than asked → every housingFund of the list null with SOURCE_UNAVAILABLE, the names served', async () => {
    api.fault = 'short';
    const { body } = await stack.request(PEOPLE, {}, { as: OFFICER });
    const people = body.data.people.edges.map((edge: any) => edge.node);
    expect(people).toHaveLength(5);
    expect(people.every((person: any) => typeof person.name === 'string' && person.housingFund === null)).toBe(true);
    expect(new Set(errorsOf(body).map((error) => JSON.stringify(error)))).toEqual(new Set([JSON.stringify(SOURCE_DOWN)]));
  });

  it("the API down → fund's /health not ready, naming the failed call; up again → ready", async () => {
    const health = async () => (await fetch(`${new URL(stack.subgraphs.fund.url).origin}/health`)).json() as Promise<{ ready: boolean; problem?: string }>;
    api.fault = 'error';
    expect(await health()).toMatchObject({ ready: false, problem: "fund: the API's getHealth failed: HTTP 500, and again when retried" });
    api.fault = 'ok';
    expect(await health()).toMatchObject({ ready: true });
    expect((await health()).problem).toBeUndefined();
  });
});
