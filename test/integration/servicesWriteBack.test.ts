import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { loadWriteBackPublicKey, openWriteBack, type DecidedWriteBack, type SealedWriteBack } from '../../schema/contracts/writeBack';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { eventually, startFakeWriteBackDepartment, type FakeWriteBackDepartment } from '../support/fakeWriteBackDepartment';
import { mintGatewayToken, type TestSubgraph } from '../support/gatewayTokens';
import { startServicesAlone, type ServicesAlone } from '../support/servicesAlone';

const SEED = { seed: 7, scale: 0.1 };
const world = seedWorld(SEED);
const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker', 'reviewer'], dept: 'services', clearance: 4 };
const NEW_ADDRESS = '上海市浦东新区花木街道锦绣路100号';

let alone: ServicesAlone;
let dataDir: string;
let licenses: FakeWriteBackDepartment;
let population: FakeWriteBackDepartment;
let running: TestSubgraph;
let db: Kysely<ServicesDatabase>;

beforeAll(async () => {
  // The stand-ins verify with the public half of the pair the services department finds in its data directory.
  alone = await startServicesAlone({
    seed: SEED,
    departments: async (publicKey) => ({
      licenses: await startFakeWriteBackDepartment('licenses', publicKey),
      population: await startFakeWriteBackDepartment('population', publicKey),
    }),
    // Its own environment: no REDIS_URL (the embedded delivery), the stand-ins' URLs, fast polls.
    env: { GOVGRAPH_WRITE_BACK_POLL_MS: '10', GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '50' },
  });
  ({ running, db, dataDir } = alone);
  ({ licenses, population } = alone.departments);
});

afterAll(() => alone?.close());

const WRITE_BACKS = 'writeBacks { id department event fields state attempts at reason record }';
const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id details { name value } } }';

async function ok(document: string, variables: Record<string, unknown>): Promise<any> {
  const { body } = await running.request(document, variables, STAFF);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

/** A new application, submitted, accepted and approved: ready to complete. */
async function approved(input: Record<string, unknown>): Promise<string> {
  const { id } = await ok(SUBMIT, { input: { applicantIdNumber: world.personIds[3], ...input } });
  await ok('mutation ($id: ID!) { acceptApplication(id: $id) { id } }', { id });
  await ok('mutation ($id: ID!) { decideApplication(id: $id, approve: true) { id } }', { id });
  return id;
}

const complete = (id: string) => running.request(`mutation ($id: ID!) { completeApplication(id: $id) { status ${WRITE_BACKS} } }`, { id }, STAFF);

async function writeBacksOf(id: string): Promise<any[]> {
  const { body } = await running.request(`query ($id: ID!) { application(id: $id) { ${WRITE_BACKS} } }`, { id }, STAFF);
  return body.data.application.writeBacks;
}

const FOOD_PERMIT = { itemCode: 'SI-0001', enterpriseCreditCode: world.creditCodes[0] };
const HOUSEHOLD_MOVE = { itemCode: 'SI-0026', details: [{ name: 'newAddress', value: NEW_ADDRESS }] };

describe('details an item requires', () => {
  it('ServiceItem.requiredDetails and writesBack → what writeBacks.yaml declares', async () => {
    const { body } = await running.request('{ serviceItems { code requiredDetails { name description } writesBack { department event fields } } }');
    const item = body.data.serviceItems.find((i: any) => i.code === 'SI-0026');
    expect(item).toEqual({
      code: 'SI-0026',
      requiredDetails: [{ name: 'newAddress', description: '迁入地址 — the new household address' }],
      writesBack: [{ department: 'population', event: 'household-address-change', fields: ['Person.householdAddress'] }],
    });
  });

  it('SI-0026 submitted without newAddress → BAD_USER_INPUT naming the detail, nothing written', async () => {
    const before = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const { body } = await running.request(SUBMIT, { input: { itemCode: 'SI-0026', applicantIdNumber: world.personIds[3] } }, STAFF);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('requires the detail newAddress'), extensions: { code: 'BAD_USER_INPUT', detail: 'newAddress' } });
    const after = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('a detail the item does not declare → BAD_USER_INPUT naming it', async () => {
    const { body } = await running.request(
      SUBMIT,
      { input: { ...HOUSEHOLD_MOVE, details: [...HOUSEHOLD_MOVE.details, { name: 'pet', value: 'cat' }], applicantIdNumber: world.personIds[3] } },
      STAFF,
    );
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('takes no detail "pet"'), extensions: { code: 'BAD_USER_INPUT', detail: 'pet' } });
  });

  it('SI-0026 submitted with newAddress → the application carries it', async () => {
    expect((await ok(SUBMIT, { input: { ...HOUSEHOLD_MOVE, applicantIdNumber: world.personIds[3] } })).details).toEqual([{ name: 'newAddress', value: NEW_ADDRESS }]);
  });
});

describe('the outbox', () => {
  it('completion → one outbox row per declared write, the sealed event verifying with the platform key and carrying the values', async () => {
    const id = await approved(FOOD_PERMIT);
    const { body } = await complete(id);
    expect(body.errors).toBeUndefined();
    const rows = await db.selectFrom('write_backs').selectAll().where('application_id', '=', id).execute();
    expect(rows.map((r) => [r.id, r.department, r.event, JSON.parse(r.fields)])).toEqual([[`${id}/1`, 'licenses', 'food-permit-issued', ['License.kind', 'License.validUntil']]]);
    const opened = await openWriteBack(JSON.parse(rows[0].sealed) as SealedWriteBack, loadWriteBackPublicKey({ env: {}, dir: path.join(dataDir, 'keys') }), 'licenses');
    if (opened.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(opened)}`);
    const completedAt = new Date(opened.event.completedAt);
    expect(opened.event).toMatchObject({
      id: `${id}/1`,
      from: 'services',
      action: 'issueLicense',
      target: { type: 'License', key: world.creditCodes[0] },
      values: {
        kind: 'FOOD_OPERATION_PERMIT',
        validUntil: expect.stringMatching(new RegExp(`^${new Date(completedAt.getTime() + 8 * 3600_000).getUTCFullYear() + 5}-\\d\\d-\\d\\d$`)),
      },
      applicationId: id,
      itemCode: 'SI-0001',
      actor: STAFF.sub,
    });
  });

  it('a completion that fails after its status changed → no outbox row, no update, the application still APPROVED', async () => {
    const id = await approved(FOOD_PERMIT);
    const updatesBefore = await db.selectFrom('application_updates').select('seq').where('application_id', '=', id).execute();
    // The last statement of the completion's transaction fails for this application only.
    await sql`CREATE TRIGGER fail_completion BEFORE INSERT ON application_updates WHEN NEW.application_id = ${sql.lit(id)} AND NEW.status = 'COMPLETED' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(
      db,
    );
    try {
      const { body } = await complete(id);
      expect(body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql`DROP TRIGGER fail_completion`.execute(db);
    }
    expect(await db.selectFrom('write_backs').select('id').where('application_id', '=', id).execute()).toEqual([]);
    expect(await db.selectFrom('application_updates').select('seq').where('application_id', '=', id).execute()).toEqual(updatesBefore);
    expect((await db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('APPROVED');
  });

  it('an enterprise licence applied for without an enterprise → the write-back REFUSED at once with the reason, nothing delivered', async () => {
    const id = await approved({ itemCode: 'SI-0001' });
    const { body } = await complete(id);
    expect(body.data.completeApplication.writeBacks).toEqual([
      expect.objectContaining({ state: 'REFUSED', reason: 'the application names no enterprise, whose License this writes', attempts: 0 }),
    ]);
    expect(licenses.deliveries.some((d) => d.event.applicationId === id)).toBe(false);
  });
});

describe('the relay', () => {
  it('completion → delivered to the owning department, APPLIED with the record it wrote', async () => {
    const id = await approved(HOUSEHOLD_MOVE);
    await complete(id);
    const [writeBack] = await eventually(
      () => writeBacksOf(id),
      (list) => list[0]?.state === 'APPLIED',
    );
    expect(writeBack).toMatchObject({ id: `${id}/1`, department: 'population', event: 'household-address-change', fields: ['Person.householdAddress'], attempts: 1, reason: null });
    expect(writeBack.record).toBe(`Person PERSON-${id}/1`);
    const delivered = population.deliveries.filter((d) => d.event.applicationId === id);
    expect(delivered.map((d) => d.event.values)).toEqual([{ householdAddress: NEW_ADDRESS }]);
  });

  it('the department refuses → REFUSED with its reason on Application.writeBacks', async () => {
    const id = await approved({ itemCode: 'SI-0030' });
    licenses.answerWith((event) =>
      event.applicationId === id ? { refused: 'licenses does not accept License.kind from services on marriage-registration' } : { applied: { type: 'License', key: 'L-1' } },
    );
    await complete(id);
    const [writeBack] = await eventually(
      () => writeBacksOf(id),
      (list) => list[0]?.state !== 'PENDING',
    );
    expect(writeBack).toMatchObject({ state: 'REFUSED', reason: 'licenses does not accept License.kind from services on marriage-registration', record: null });
  });
});

describe('the gateway routes', () => {
  const origin = () => new URL(running.url).origin;
  const get = async (route: string, token?: string) => {
    const response = await fetch(`${origin()}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('without the gateway token → 401 on both', async () => {
    expect((await get('/application-updates/head')).status).toBe(401);
    expect((await get('/write-back-outcomes?after=0')).status).toBe(401);
  });

  it('head with the gateway token → the newest update number', async () => {
    const { status, body } = await get('/application-updates/head', await mintGatewayToken(running.keys, 'services'));
    const newest = await db
      .selectFrom('application_updates')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    expect([status, body]).toEqual([200, { seq: Number(newest.seq) }]);
  });

  it('outcomes with the gateway token → the settled write-backs in seq order, after the cursor', async () => {
    const token = await mintGatewayToken(running.keys, 'services');
    const all = (await get('/write-back-outcomes?after=0&limit=500', token)).body.outcomes as DecidedWriteBack[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.map((o) => o.seq)).toEqual([...all.map((o) => o.seq)].sort((a, b) => a - b));
    expect(new Set(all.map((o) => o.state))).toEqual(new Set(['applied', 'refused']));
    expect(all.find((o) => o.department === 'population')).toMatchObject({
      state: 'applied',
      event: 'household-address-change',
      coordinates: ['Person.householdAddress'],
      actor: STAFF.sub,
      applicant: world.personIds[3],
    });
    const after = (await get(`/write-back-outcomes?after=${all[0].seq}&limit=1`, token)).body.outcomes;
    expect(after).toEqual([all[1]]);
  });

  it('a limit over 500 → 400 saying the range', async () => {
    const { status, body } = await get('/write-back-outcomes?after=0&limit=501', await mintGatewayToken(running.keys, 'services'));
    expect([status, body.error]).toEqual([400, 'limit must be a whole number from 1 to 500']);
  });
});

describe('health', () => {
  it('/health → writeBacks: transport http, pending, dead, oldest pending age, last error', async () => {
    const health = (await (await fetch(`${new URL(running.url).origin}/health`)).json()) as any;
    expect(health.writeBacks).toEqual({ transport: 'http', pending: expect.any(Number), dead: 0, oldestPendingSeconds: expect.any(Number), lastError: null });
  });
});
