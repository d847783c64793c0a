import path from 'node:path';
import type { Identity } from '../../policies';
import { FileGrantStore } from '../../policies/grants';
import { catalog } from '../../subgraphs/catalog';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type Stack } from '../support/startStack';

/**
 * Approving an access application on narrower terms than applied for: an earlier end, or
 * reading bound to service cases. The grant, what is published and the history carry them.
 */
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const POPULATION_OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const APPLICATION = 'id until caseBound status reason history { kind reason }';
const GRANT = 'id until caseBound';
const APPLY = `mutation Apply($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }`;
const DECIDE = `mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $until: String, $caseBound: Boolean) {
  decideAccessApplication(id: $id, approve: $approve, reason: $reason, until: $until, caseBound: $caseBound) { ${APPLICATION} grant { ${GRANT} } }
}`;
const APPLICATION_BY_ID = `query Application($id: ID!) { accessApplication(id: $id) { status } }`;

const HOUSEHOLD = { coordinates: ['Person.householdAddress'], purpose: 'application-review', legalBasis: '《行政许可法》第三十四条', caseBound: false };

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

describe('approving an access application on narrower terms', () => {
  let stack: Stack;
  let store: FileGrantStore;
  /** A fresh PENDING application by the market reviewer for the household address, until 30 days from now unless said. */
  const pending = async (input: Record<string, unknown> = {}): Promise<{ id: string; until: string }> => {
    const until = inDays(30);
    const { body } = await stack.request(APPLY, { input: { ...HOUSEHOLD, until, ...input } }, { as: REVIEWER });
    expect(body.errors).toBeUndefined();
    return { id: body.data.applyForAccess[0].id, until: (input.until as string | undefined) ?? until };
  };
  const decide = async (variables: Record<string, unknown>) => (await stack.request(DECIDE, variables, { as: POPULATION_OFFICER })).body;
  const statusOf = async (id: string) => (await stack.request(APPLICATION_BY_ID, { id }, { as: POPULATION_OFFICER })).body.data.accessApplication.status;

  beforeAll(async () => {
    stack = await startStack({ departments: [catalog], scale: 0.05 });
    store = new FileGrantStore(path.join(stack.dataDir, 'grants.json'));
  });

  afterAll(async () => {
    await store?.close();
    await stack?.close();
  });

  it('an earlier end → the grant ends then, the application keeps what was asked, the history says so', async () => {
    const application = await pending();
    const until = inDays(10);
    const body = await decide({ id: application.id, approve: true, reason: 'For the current review only.', until });
    expect(body.errors).toBeUndefined();
    const decided = body.data.decideAccessApplication;
    expect([decided.status, decided.until, decided.grant.until, decided.reason]).toEqual(['APPROVED', application.until, until, 'For the current review only.']);
    expect(decided.history[1]).toEqual({ kind: 'APPROVED', reason: `Approved until ${until} (applied for ${application.until}). For the current review only.` });
  });

  it('an earlier end → published with the grant', async () => {
    const application = await pending();
    const until = inDays(5);
    const grant = (await decide({ id: application.id, approve: true, until })).data.decideAccessApplication.grant;
    expect((await store.read()).grants.find((published) => published.id === grant.id)).toMatchObject({ until, caseBound: false });
  });

  it('an end given as a date → the end of that day, Beijing time', async () => {
    const application = await pending();
    const date = new Date(Date.now() + 8 * 3600_000 + 3 * DAY).toISOString().slice(0, 10);
    const body = await decide({ id: application.id, approve: true, until: date });
    expect(body.data.decideAccessApplication.grant.until).toBe(new Date(Date.parse(`${date}T23:59:59.999+08:00`)).toISOString());
  });

  it('case binding on an application without it → a case-bound grant, recorded in the history', async () => {
    const application = await pending();
    const decided = (await decide({ id: application.id, approve: true, caseBound: true })).data.decideAccessApplication;
    expect([decided.caseBound, decided.grant.caseBound, decided.grant.until]).toEqual([false, true, application.until]);
    expect(decided.history[1]).toEqual({ kind: 'APPROVED', reason: 'Approved bound to service cases under review (applied for without).' });
    expect((await store.read()).grants.find((published) => published.id === decided.grant.id)).toMatchObject({ caseBound: true });
  });

  it('caseBound false on a case-bound application → still case-bound (approval never widens)', async () => {
    const application = await pending({ caseBound: true });
    const decided = (await decide({ id: application.id, approve: true, caseBound: false })).data.decideAccessApplication;
    expect([decided.grant.caseBound, decided.history[1].reason]).toEqual([true, null]);
  });

  it('an end later than applied for → BAD_USER_INPUT, still PENDING', async () => {
    const application = await pending({ until: inDays(10) });
    expect(errorOf(await decide({ id: application.id, approve: true, until: inDays(20) }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'until' });
    expect(await statusOf(application.id)).toBe('PENDING');
  });

  it('an end in the past → BAD_USER_INPUT, still PENDING', async () => {
    const application = await pending();
    expect(errorOf(await decide({ id: application.id, approve: true, until: inDays(-1) }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'until' });
    expect(await statusOf(application.id)).toBe('PENDING');
  });

  it('terms with a refusal → BAD_USER_INPUT, still PENDING', async () => {
    const application = await pending();
    expect(errorOf(await decide({ id: application.id, approve: false, reason: 'Not needed.', until: inDays(5) }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'until' });
    expect(await statusOf(application.id)).toBe('PENDING');
  });
});
