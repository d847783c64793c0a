import fs from 'node:fs';
import { applyMask, loadPolicySet, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import { eventually, startFakeWriteBackDepartment } from '../support/fakeWriteBackDepartment';
import { citizen, type TestSubgraph } from '../support/gatewayTokens';
import { startServicesAlone, type ServicesAlone } from '../support/servicesAlone';

/**
 * The applicants' and staff's update feeds, on the services department alone under the shipped
 * policies: `self` rules on each update, the Query rules, the department's own filters.
 */
const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const ALICE = world.personIds[0];
const BOB = world.personIds[1];
const COUNTER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'staff-0061', roles: ['reviewer'], dept: 'services', clearance: 3 };
const MARKET_CASEWORKER: Identity = { sub: 'staff-0101', roles: ['caseworker'], dept: 'market', clearance: 2 };
const POPULATION_CASEWORKER: Identity = { sub: 'staff-0201', roles: ['caseworker'], dept: 'population', clearance: 2 };
const SERVICES_OFFICER: Identity = { sub: 'officer-0301', roles: ['officer'], dept: 'services', clearance: 4 };

let alone: ServicesAlone;
let running: TestSubgraph;
/** Alice's household move (SI-0026, handled by population), completed and written back; Bob's food permit (SI-0001, handled by market), submitted. */
let move: string;
let permit: string;

const UPDATES = 'updates { cursor at kind status application { id } writeBack { id department state } } cursor';
const MINE = `query ($after: String, $first: Int) { myApplicationUpdates(after: $after, first: $first) { ${UPDATES} } }`;
const STAFF_FEED = `query ($after: String, $first: Int) { applicationUpdates(after: $after, first: $first) { ${UPDATES} } }`;

async function ok(as: Identity, document: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { body } = await running.request(document, variables, as);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

beforeAll(async () => {
  alone = await startServicesAlone({
    seed: SEED,
    departments: async (publicKey) => ({
      population: await startFakeWriteBackDepartment('population', publicKey),
      licenses: await startFakeWriteBackDepartment('licenses', publicKey),
    }),
    subgraph: { policies: loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }), applyMask },
    env: { GOVGRAPH_WRITE_BACK_POLL_MS: '10', GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '50' },
  });
  running = alone.running;

  const submit = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }';
  move = (await ok(citizen(ALICE), submit, { input: { itemCode: 'SI-0026', applicantIdNumber: ALICE, details: [{ name: 'newAddress', value: '上海市浦东新区锦绣路100号' }] } })).id;
  permit = (await ok(citizen(BOB), submit, { input: { itemCode: 'SI-0001', applicantIdNumber: BOB, enterpriseCreditCode: world.creditCodes[0] } })).id;
  await ok(COUNTER, 'mutation ($id: ID!) { acceptApplication(id: $id) { id } }', { id: move });
  await ok(REVIEWER, 'mutation ($id: ID!) { decideApplication(id: $id, approve: true) { id } }', { id: move });
  await ok(COUNTER, 'mutation ($id: ID!) { completeApplication(id: $id) { id } }', { id: move });
  await eventually(
    () => ok(citizen(ALICE), MINE),
    (page) => page.updates.some((u: any) => u.writeBack?.state === 'APPLIED'),
  );
  await ok(citizen(ALICE), 'mutation ($id: ID!) { leaveFeedback(id: $id, rating: 5) { id } }', { id: move });
});

afterAll(() => alone?.close());

const shape = (u: any) => [u.kind, u.status ?? u.writeBack?.state];

describe('Query.myApplicationUpdates', () => {
  it('the applicant → every status change and write-back of their application, in order', async () => {
    const page = await ok(citizen(ALICE), MINE);
    expect(page.updates.map(shape)).toEqual([
      ['STATUS', 'SUBMITTED'],
      ['STATUS', 'ACCEPTED'],
      ['STATUS', 'APPROVED'],
      ['STATUS', 'COMPLETED'],
      ['WRITE_BACK', 'PENDING'],
      ['WRITE_BACK', 'APPLIED'],
      ['STATUS', 'COMPLETED'],
    ]);
    expect(new Set(page.updates.map((u: any) => u.application.id))).toEqual(new Set([move]));
    expect(page.updates[5].writeBack).toEqual({ id: `${move}/1`, department: 'population', state: 'APPLIED' });
    expect(page.cursor).toBe(page.updates.at(-1).cursor);
  });

  it('first 3, then after its cursor → the rest, nothing twice; after the last → no update and the cursor unchanged', async () => {
    const all = (await ok(citizen(ALICE), MINE)).updates;
    const first = await ok(citizen(ALICE), MINE, { first: 3 });
    const rest = await ok(citizen(ALICE), MINE, { after: first.cursor });
    expect([...first.updates, ...rest.updates]).toEqual(all);
    const none = await ok(citizen(ALICE), MINE, { after: rest.cursor });
    expect(none).toEqual({ updates: [], cursor: rest.cursor });
  });

  it('another resident → only their own application’s updates', async () => {
    const page = await ok(citizen(BOB), MINE);
    expect(page.updates.map((u: any) => [u.application.id, ...shape(u)])).toEqual([[permit, 'STATUS', 'SUBMITTED']]);
  });

  it('a cursor this API never returned → BAD_USER_INPUT on after', async () => {
    const { body } = await running.request(MINE, { after: 'not-a-cursor' }, citizen(ALICE));
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('staff → FORBIDDEN: the feed is a resident’s own', async () => {
    const { body } = await running.request(MINE, {}, POPULATION_CASEWORKER);
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Query.applicationUpdates', () => {
  it('a population caseworker → the updates of the household move (handled by population) only', async () => {
    const page = await ok(POPULATION_CASEWORKER, STAFF_FEED);
    expect(new Set(page.updates.map((u: any) => u.application.id))).toEqual(new Set([move]));
    expect(page.updates).toHaveLength(7);
  });

  it('a market caseworker → the food permit (handled by market) only', async () => {
    const page = await ok(MARKET_CASEWORKER, STAFF_FEED);
    expect(page.updates.map((u: any) => [u.application.id, ...shape(u)])).toEqual([[permit, 'STATUS', 'SUBMITTED']]);
  });

  it('a services officer → every case', async () => {
    const page = await ok(SERVICES_OFFICER, STAFF_FEED);
    expect(new Set(page.updates.map((u: any) => u.application.id))).toEqual(new Set([move, permit]));
  });

  it('a citizen → FORBIDDEN', async () => {
    const { body } = await running.request(STAFF_FEED, {}, citizen(ALICE));
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
