import type { Kysely } from 'kysely';
import { exchangeCommand } from '../../cli/exchangeCommand';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { recordOutcome } from '../../subgraphs/services/writeBack/recordOutcome';
import { APPLY_ALL, eventually, startFakeWriteBackDepartment, type FakeWriteBackDepartment } from '../support/fakeWriteBackDepartment';
import { type TestSubgraph } from '../support/gatewayTokens';
import { startServicesAlone, type ServicesAlone } from '../support/servicesAlone';

const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker', 'reviewer'], dept: 'services', clearance: 4 };
const MAX_ATTEMPTS = 4;
const RETRY_MS = 40;

let alone: ServicesAlone;
let dataDir: string;
let licenses: FakeWriteBackDepartment;
let running: TestSubgraph;
let db: Kysely<ServicesDatabase>;
/** The write-back the department was down for. */
let eventId: string;

beforeAll(async () => {
  alone = await startServicesAlone({
    seed: SEED,
    // Down: every delivery is answered 503 until a test says otherwise.
    departments: async (publicKey) => ({ licenses: await startFakeWriteBackDepartment('licenses', publicKey, () => ({ status: 503 })) }),
    env: {
      GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      GOVGRAPH_WRITE_BACK_RETRY_MS: String(RETRY_MS),
      GOVGRAPH_WRITE_BACK_POLL_MS: '5',
      GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '50',
    },
  });
  ({ running, db, dataDir } = alone);
  licenses = alone.departments.licenses;
});

afterAll(() => alone?.close());

async function ok(document: string, variables: Record<string, unknown>): Promise<any> {
  const { body } = await running.request(document, variables, STAFF);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

/** A marriage registration, completed: one write-back to licenses. */
async function completedMarriage(): Promise<string> {
  const { id } = await ok('mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
    input: { itemCode: 'SI-0030', applicantIdNumber: world.personIds[2] },
  });
  for (const step of ['acceptApplication(id: $id)', 'decideApplication(id: $id, approve: true)', 'completeApplication(id: $id)'])
    await ok(`mutation ($id: ID!) { ${step} { id } }`, { id });
  return `${id}/1`;
}

async function writeBack(id: string): Promise<any> {
  const { body } = await running.request('query ($id: ID!) { application(id: $id) { writeBacks { id state attempts reason at } } }', { id: id.split('/')[0] }, STAFF);
  return body.data.application.writeBacks[0];
}

/** Runs `govgraph exchange …` on this suite's data directory; its exit code and output. */
async function exchange(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await exchangeCommand(args, { env: { GOVGRAPH_DATA_DIR: dataDir }, out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('a department that is down', () => {
  it('503 at every delivery → retried with growing gaps, then DEAD after the set attempts with the last error', async () => {
    eventId = await completedMarriage();
    const dead = await eventually(
      () => writeBack(eventId),
      (w) => w.state === 'DEAD',
    );
    expect(dead).toMatchObject({ state: 'DEAD', attempts: MAX_ATTEMPTS, reason: 'licenses answered HTTP 503: the department is unavailable' });
    const times = licenses.deliveries.filter((d) => d.event.id === eventId).map((d) => d.at);
    expect(times).toHaveLength(MAX_ATTEMPTS);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // Retry n waits at least half of 40 ms × 2^(n−1): 20, 40, 80 ms (a loaded machine only adds to it).
    expect(gaps.map((gap, i) => gap >= (RETRY_MS * 2 ** i) / 2 - 5)).toEqual([true, true, true]);
  });

  it('exchange deadletters --json → the dead write-back with its application, department, event, attempts and last error', async () => {
    const { code, out } = await exchange('deadletters', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual([
      {
        eventId,
        applicationId: eventId.split('/')[0],
        department: 'licenses',
        event: 'marriage-registration',
        attempts: MAX_ATTEMPTS,
        lastError: 'licenses answered HTTP 503: the department is unavailable',
        since: expect.any(String),
      },
    ]);
  });

  it('exchange deadletters → a table naming the event and how to replay it', async () => {
    const { code, out } = await exchange('deadletters');
    expect(code).toBe(0);
    expect(out).toContain(eventId);
    expect(out).toContain('govgraph exchange replay EVENT_ID');
  });

  it('exchange replay of an unknown id → exit 1 saying there is none', async () => {
    expect(await exchange('replay', 'APP-1999-000001/1')).toEqual({
      code: 1,
      out: '',
      err: 'There is no write-back APP-1999-000001/1 (govgraph exchange deadletters lists the dead ones).',
    });
  });

  it('exchange replay ID, the department back → pending again, then delivered and APPLIED', async () => {
    licenses.answerWith(APPLY_ALL);
    const { code, out } = await exchange('replay', eventId);
    expect(code).toBe(0);
    expect(out).toContain(`Replayed ${eventId}`);
    const applied = await eventually(
      () => writeBack(eventId),
      (w) => w.state === 'APPLIED',
    );
    expect(applied).toMatchObject({ attempts: 1, reason: null });
    expect((await exchange('deadletters', '--json')).out).toBe('[]');
  });

  it('exchange replay of an applied write-back → exit 1: only a dead one is replayed', async () => {
    expect(await exchange('replay', eventId)).toEqual({ code: 1, out: '', err: `Write-back ${eventId} is applied, not dead: only a dead write-back is replayed.` });
  });

  it('an applied outcome arriving for a dead write-back → APPLIED: the department’s answer is the truth', async () => {
    licenses.answerWith(() => ({ status: 503 }));
    const late = await completedMarriage();
    await eventually(
      () => writeBack(late),
      (w) => w.state === 'DEAD',
    );
    const outcome = { eventId: late, department: 'licenses', state: 'applied' as const, reason: null, record: { type: 'License', key: 'L-LATE' }, at: new Date().toISOString() };
    expect(await recordOutcome(db, outcome)).toBe('settled');
    expect(await writeBack(late)).toMatchObject({ state: 'APPLIED' });
    expect(await recordOutcome(db, { ...outcome, state: 'refused', reason: 'too late' })).toBe('unchanged');
    expect(await writeBack(late)).toMatchObject({ state: 'APPLIED', reason: null });
  });
});
