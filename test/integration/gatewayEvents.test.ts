import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { auditKeyFile, auditPseudonym, listAuditFiles, loadAuditKey, verifyLedger, type AuditRecord } from '../../gateway/audit';
import { signUserToken } from '../../gateway/authenticate';
import { gatewayConfigOf } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server/startGateway';
import type { Identity } from '../../policies';
import { localGatewayKeys } from '../../schema/contracts/gatewayToken';
import { APPLICATION_UPDATES_HEAD_PATH } from '../../schema/contracts/writeBack';
import { composeServicePlatformSupergraph, sampleOutcome, startFakeServicePlatform, type FakeServicePlatform } from '../support/fakeServicePlatform';
import { ALLOW, createTestGatewayKeys, DENY, fakePolicySet } from '../support/fixtureDepartments';
import { openSse, updateOf, type SseConnection, type SseFrame } from '../support/sseClient';

/**
 * `/events` and the recording of settled write-backs, through a real gateway over a stand-in
 * for the service platform (its application updates, its head, its settled write-backs).
 */
const CITIZEN: Identity = { sub: '110105199001010014', roles: ['citizen'], dept: null, clearance: 1 };
const NEIGHBOUR: Identity = { sub: '110105199203040021', roles: ['citizen'], dept: null, clearance: 1 };
const STAFF: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'population', clearance: 2 };
const OTHER_STAFF: Identity = { sub: 'staff-0002', roles: ['caseworker'], dept: 'licenses', clearance: 2 };

/** Citizens are not shown why a write-back was refused; staff are. */
const policies = fakePolicySet({ 'WriteBack.reason': (reader) => (reader.identity?.roles.includes('citizen') ? DENY : ALLOW) }, { keys: ['Application.id'] });

const isUpdate = (frame: SseFrame) => frame.event === 'application-update';

describe('GET /events and the write-back audit at the gateway', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-events-'));
  const auditDir = path.join(dir, 'audit');
  const secret = new TextEncoder().encode(randomBytes(32).toString('base64url'));
  let services: FakeServicePlatform;
  let gateway: RunningGateway;
  let base: string;
  const connections: SseConnection[] = [];

  const bearer = async (identity: Identity, ttl = '5m') => ({ authorization: `Bearer ${await signUserToken(secret, identity, { ttl })}` });
  const open = async (identity: Identity | null, query = '', headers: Record<string, string> = {}) => {
    const connection = await openSse(`${base}/events${query}`, { ...(identity ? await bearer(identity) : {}), ...headers });
    connections.push(connection);
    return connection;
  };
  const health = async () => (await (await fetch(`${base}/health`)).json()) as Record<string, any>;
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > until) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const records = (): AuditRecord[] =>
    listAuditFiles(auditDir).flatMap((file) =>
      fs
        .readFileSync(path.join(auditDir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditRecord),
    );
  const auditKey = () => loadAuditKey({ file: auditKeyFile(auditDir), create: false, env: {} });

  beforeAll(async () => {
    const keys = await createTestGatewayKeys();
    services = await startFakeServicePlatform(await localGatewayKeys(keys.jwks));
    services.addUpdate({ applicant: CITIZEN.sub, dept: 'population', applicationId: 'APP-1', status: 'SUBMITTED' });
    services.addUpdate({ applicant: NEIGHBOUR.sub, dept: 'licenses', applicationId: 'APP-2', status: 'SUBMITTED' });
    services.addUpdate({
      applicant: CITIZEN.sub,
      dept: 'population',
      applicationId: 'APP-1',
      status: 'COMPLETED',
      writeBack: { department: 'population', event: 'household-address-change', fields: ['Person.householdAddress'], state: 'REFUSED', reason: 'unknown address', record: null },
    });
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, composeServicePlatformSupergraph(services.url));
    gateway = await startGateway({
      port: 0,
      supergraphFile,
      watch: false,
      auth: { secret },
      gatewayKeys: keys,
      policies,
      audit: { dir: auditDir, durable: false },
      config: gatewayConfigOf({
        dataDir: dir,
        rateLimits: { enabled: false },
        events: { pollMs: 20, heartbeatMs: 300, maxStreamsPerReader: 2, maxStreams: 3 },
        audit: { writeBackPollMs: 20 },
      }),
    });
    base = new URL(gateway.url).origin;
  }, 30_000);

  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await eventually(health, (body) => body.events?.streams === 0);
  });

  afterAll(async () => {
    await gateway?.close();
    await services?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('opening a stream', () => {
    it('no token → 401 UNAUTHENTICATED in the JSON shape of /graphql', async () => {
      const refused = await open(null);
      expect({ status: refused.status, body: refused.body }).toEqual({
        status: 401,
        body: { errors: [{ message: expect.stringContaining('Authorization: Bearer'), extensions: { code: 'UNAUTHENTICATED', reason: 'missing' } }] },
      });
    });

    it('a token in the URL alone → 401, the URL is never read for one', async () => {
      const { authorization } = await bearer(CITIZEN);
      const refused = await open(null, `?access_token=${authorization.slice('Bearer '.length)}`);
      expect(refused.status).toBe(401);
    });

    it('a token the gateway refuses → 401 with the reason', async () => {
      const forged = await signUserToken(new TextEncoder().encode('another secret that is long enough for HS256'), CITIZEN, { ttl: '5m' });
      const refused = await open(null, '', { authorization: `Bearer ${forged}` });
      expect({ status: refused.status, code: (refused.body as any).errors[0].extensions }).toEqual({ status: 401, code: { code: 'UNAUTHENTICATED', reason: 'bad-signature' } });
    });

    it('a scope that is not one → 400 BAD_USER_INPUT', async () => {
      const refused = await open(CITIZEN, '?scope=everyone');
      expect({ status: refused.status, code: (refused.body as any).errors[0].extensions.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    });

    it('a stream → text/event-stream, never stored, not buffered by a proxy', async () => {
      const stream = await open(CITIZEN);
      expect([stream.status, stream.headers.get('content-type'), stream.headers.get('cache-control'), stream.headers.get('x-accel-buffering')]).toEqual([
        200,
        'text/event-stream; charset=utf-8',
        'no-store',
        'no',
      ]);
    });
  });

  describe('what a stream sends', () => {
    it("a citizen → their own applications' updates, each with its cursor as the event id", async () => {
      const stream = await open(CITIZEN);
      const first = await stream.next(isUpdate);
      const second = await stream.next(isUpdate);
      expect([first, second].map((frame) => [frame.id, updateOf(frame).cursor, updateOf(frame).application.id, updateOf(frame).kind])).toEqual([
        ['1', '1', 'APP-1', 'STATUS'],
        ['3', '3', 'APP-1', 'WRITE_BACK'],
      ]);
    });

    it('a field the policies withhold from the reader → null in the update', async () => {
      const stream = await open(CITIZEN);
      const writeBack = updateOf(await stream.next((frame) => isUpdate(frame) && frame.id === '3')).writeBack;
      expect({ state: writeBack.state, reason: writeBack.reason }).toEqual({ state: 'REFUSED', reason: null });
    });

    it("staff → their department's cases by default, with what citizens are not shown", async () => {
      const stream = await open(STAFF);
      const frames = [await stream.next(isUpdate), await stream.next(isUpdate)];
      expect(frames.map((frame) => [frame.id, updateOf(frame).writeBack?.reason ?? null])).toEqual([
        ['1', null],
        ['3', 'unknown address'],
      ]);
    });

    it('a new update → pushed once the head moves', async () => {
      const stream = await open(OTHER_STAFF, '?scope=department');
      await stream.next((frame) => isUpdate(frame) && frame.id === '2');
      const cursor = services.addUpdate({ applicant: NEIGHBOUR.sub, dept: 'licenses', applicationId: 'APP-2', status: 'ACCEPTED' });
      const pushed = await stream.next(isUpdate);
      expect([pushed.id, updateOf(pushed).status]).toEqual([cursor, 'ACCEPTED']);
    });

    it('Last-Event-ID → only the updates after it', async () => {
      const stream = await open(CITIZEN, '', { 'last-event-id': '1' });
      expect((await stream.next(isUpdate)).id).toBe('3');
    });

    it('?after= → only the updates after it', async () => {
      const stream = await open(CITIZEN, '?after=1');
      expect((await stream.next(isUpdate)).id).toBe('3');
    });

    it('the head unchanged → no further query, only the head is asked', async () => {
      const stream = await open(STAFF);
      await stream.next((frame) => isUpdate(frame) && frame.id === '3');
      // Settled: whatever query the first head answer caused has run.
      await eventually(health, (body) => body.events?.head !== null);
      const queries = services.requests('/graphql');
      const polls = services.requests(APPLICATION_UPDATES_HEAD_PATH);
      await eventually(
        async () => services.requests(APPLICATION_UPDATES_HEAD_PATH),
        (count) => count >= polls + 5,
      );
      expect(services.requests('/graphql')).toBe(queries);
    });

    it('the head is asked with a gateway token for services, in the name of the gateway', async () => {
      await open(CITIZEN);
      await eventually(
        async () => services.claims(APPLICATION_UPDATES_HEAD_PATH).length,
        (count) => count > 0,
      );
      expect(services.claims(APPLICATION_UPDATES_HEAD_PATH).at(-1)?.identity?.sub).toBe('govgraph-gateway');
    });

    it("each query → an audit record with the reader, the purpose and the stream's operation", async () => {
      const stream = await open(STAFF, '', { 'x-purpose': 'review' });
      await stream.next((frame) => isUpdate(frame) && frame.id === '3');
      const record = records().find((one) => one.identity?.sub === STAFF.sub && one.purpose === 'review');
      expect(record && { operation: record.operation.name, decisions: record.decisions.some((decision) => decision.coordinate === 'WriteBack.reason') }).toEqual({
        operation: 'EventsApplicationUpdates',
        decisions: true,
      });
    });

    it('an idle stream → a heartbeat comment', async () => {
      const stream = await open(CITIZEN);
      expect((await stream.next((frame) => frame.comment === 'heartbeat')).comment).toBe('heartbeat');
    });
  });

  describe('limits and the end of a stream', () => {
    it('more streams than a reader may hold → 429 TOO_MANY_STREAMS, limit reader', async () => {
      await open(CITIZEN);
      await open(CITIZEN);
      const refused = await open(CITIZEN);
      expect({ status: refused.status, extensions: (refused.body as any).errors[0].extensions }).toEqual({
        status: 429,
        extensions: { code: 'TOO_MANY_STREAMS', limit: 'reader', max: 2 },
      });
    });

    it('more streams than the gateway holds → 429 TOO_MANY_STREAMS, limit gateway', async () => {
      await open(CITIZEN);
      await open(NEIGHBOUR);
      await open(STAFF);
      const refused = await open(OTHER_STAFF);
      expect({ status: refused.status, extensions: (refused.body as any).errors[0].extensions }).toEqual({
        status: 429,
        extensions: { code: 'TOO_MANY_STREAMS', limit: 'gateway', max: 3 },
      });
    });

    it('a stream its client closed → no longer counted', async () => {
      const stream = await open(CITIZEN);
      await eventually(health, (body) => body.events?.streams === 1);
      stream.close();
      expect((await eventually(health, (body) => body.events?.streams === 0)).events.streams).toBe(0);
    });

    it('the token expires → an end event saying so, then the stream closes', async () => {
      const token = await new SignJWT({ roles: CITIZEN.roles, dept: null, clearance: 1 })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(CITIZEN.sub)
        .setExpirationTime(Math.floor(Date.now() / 1000) + 1)
        .sign(secret);
      const stream = await open(null, '', { authorization: `Bearer ${token}` });
      const end = await stream.next((frame) => frame.event === 'end', 4000);
      await stream.ended;
      expect(JSON.parse(end.data!).reason).toBe('token-expired');
    });
  });

  describe('settled write-backs in the audit ledger', () => {
    const recordOf = async (eventId: string) =>
      (
        await eventually(
          async () => records().filter((record) => record.requestId === eventId),
          (found) => found.length > 0,
        )
      )[0];

    it('an applied write-back → one record: who completed, which case, which fields, ALLOW', async () => {
      services.addOutcome(sampleOutcome({ eventId: 'APP-2026-000123/1' }));
      const record = await recordOf('APP-2026-000123/1');
      const pseudonym = auditPseudonym(auditKey(), '110105199001010014');
      expect(record).toMatchObject({
        identity: { sub: 'staff-0001', roles: [], dept: 'services' },
        purpose: 'household-address-change',
        caseId: 'APP-2026-000123',
        operation: { name: 'household-address-change', type: 'write-back', documentHash: null },
        keys: [pseudonym, 'APP-2026-000123'].sort(),
        decisions: [{ coordinate: 'Person.householdAddress', decision: 'ALLOW' }],
        subgraphs: ['population'],
        outcome: { kind: 'ok' },
        writeBack: { department: 'population', state: 'applied', record: `Person ${pseudonym}` },
      });
    });

    it('a refused write-back → DENY for its fields and the reason in the outcome', async () => {
      services.addOutcome(sampleOutcome({ eventId: 'APP-2026-000124/1', applicationId: 'APP-2026-000124', state: 'refused', reason: 'no write rule', record: null }));
      const record = await recordOf('APP-2026-000124/1');
      expect({ decisions: record.decisions, outcome: record.outcome }).toEqual({
        decisions: [{ coordinate: 'Person.householdAddress', decision: 'DENY' }],
        outcome: { kind: 'errors', codes: ['WRITE_BACK_REFUSED'], reason: 'no write rule' },
      });
    });

    it('/health → the seq of the last settled write-back recorded', async () => {
      const { seq } = services.addOutcome(sampleOutcome({ eventId: 'APP-2026-000125/1', applicationId: 'APP-2026-000125' }));
      expect((await eventually(health, (body) => body.writeBackAudit?.seq === seq)).writeBackAudit).toEqual({ seq, lastError: null });
    });

    it('services not answering → /health says why, and the write-backs are recorded once it answers', async () => {
      services.setFailing(true);
      const failing = await eventually(health, (body) => body.writeBackAudit?.lastError !== null);
      services.addOutcome(sampleOutcome({ eventId: 'APP-2026-000126/1', applicationId: 'APP-2026-000126' }));
      services.setFailing(false);
      const record = await recordOf('APP-2026-000126/1');
      expect({ lastError: failing.writeBackAudit.lastError, recorded: record.requestId }).toEqual({
        lastError: expect.stringContaining('HTTP 503'),
        recorded: 'APP-2026-000126/1',
      });
    });

    it('the ledger with write-back records among request records → verifies', async () => {
      await recordOf('APP-2026-000123/1');
      expect(await verifyLedger(auditDir, auditKey())).toMatchObject({ ok: true });
    });
  });
});
