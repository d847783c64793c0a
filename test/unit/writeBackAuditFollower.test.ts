import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { followWriteBackOutcomes, GatewayAudit, WRITE_BACK_CURSOR_FILE, writeBackOutcomesFrom, type AuditRecord, type WriteBackAuditFollow } from '../../gateway/audit';
import { createDepartmentGet, SERVICE_PLATFORM } from '../../gateway/execute/departmentGet';
import { departmentRequest } from '../../gateway/execute/departmentRequest';
import { localGatewayKeys } from '../../schema/contracts/gatewayToken';
import { WRITE_BACK_OUTCOMES_PATH } from '../../schema/contracts/writeBack';
import { sampleOutcome, startFakeServicePlatform, type FakeServicePlatform } from '../support/fakeServicePlatform';
import { createTestGatewayKeys } from '../support/fixtureDepartments';
import { SwitchableAuditSink } from '../support/switchableAuditSink';

/**
 * The gateway's recording of settled write-backs, against a stand-in for the service platform's
 * `/write-back-outcomes`: one record each, the cursor beside the ledger moved only past stored
 * records, failures retried.
 */
const log = pino({ level: 'silent' });
const KEY = 'an audit key for tests, 32+ bytes long';

describe('recording settled write-backs', () => {
  let dir: string;
  let services: FakeServicePlatform;
  let get: ReturnType<typeof createDepartmentGet>;
  let hasServices = true;
  const running: { follow: WriteBackAuditFollow; audit: GatewayAudit }[] = [];

  beforeAll(async () => {
    const keys = await createTestGatewayKeys();
    services = await startFakeServicePlatform(await localGatewayKeys(keys.jwks));
    get = createDepartmentGet({ keys, urlOf: (department) => (department === SERVICE_PLATFORM ? services.url : undefined), request: departmentRequest(), timeoutMs: 2000 });
  });

  afterAll(async () => {
    await services?.close();
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-back-audit-'));
    hasServices = true;
    services.reset();
  });

  afterEach(async () => {
    await stopAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function stopAll(): Promise<void> {
    for (const { follow, audit } of running.splice(0)) {
      await follow.stop();
      await audit.close();
    }
  }

  /** A gateway's audit and its follower over `dir` (or the sink given), polling every 10 ms. */
  async function follow(sink?: SwitchableAuditSink) {
    const audit = new GatewayAudit({ dir, key: KEY, durable: false, ...(sink && { sink }) }, { mode: 'development', log });
    await audit.open();
    const follower = followWriteBackOutcomes({
      fetchOutcomes: writeBackOutcomesFrom(get),
      active: () => hasServices,
      cursor: await audit.openWriteBackCursor(),
      record: (entry) => audit.append(entry),
      pollMs: 10,
      batchSize: 2,
      log,
    });
    running.push({ follow: follower, audit });
    return follower;
  }

  function recorded(): AuditRecord[] {
    return fs
      .readdirSync(dir)
      .filter((file) => file.startsWith('audit-'))
      .flatMap((file) => fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as AuditRecord);
  }

  async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Adds `n` settled write-backs with fresh event ids; returns their ids. */
  function settle(n: number): string[] {
    return Array.from({ length: n }, () => {
      const eventId = `APP-${Math.random().toString(36).slice(2, 10)}/1`;
      services.addOutcome(sampleOutcome({ eventId }));
      return eventId;
    });
  }

  it('settled write-backs → one record each, in their order, across batches', async () => {
    const ids = settle(5);
    await follow();
    await until(() => recorded().length >= 5);
    expect(recorded().map((record) => record.requestId)).toEqual(ids);
  });

  it("the cursor → the last recorded write-back's seq, in a file beside the day files", async () => {
    settle(3);
    const follower = await follow();
    await until(() => recorded().length >= 3);
    await until(() => follower.health().seq !== null && fs.existsSync(path.join(dir, WRITE_BACK_CURSOR_FILE)));
    const { seq } = JSON.parse(fs.readFileSync(path.join(dir, WRITE_BACK_CURSOR_FILE), 'utf8')) as { seq: number };
    expect(seq).toBe(follower.health().seq);
  });

  it('a restart on the same ledger → nothing recorded twice, what was settled meanwhile recorded', async () => {
    const first = settle(2);
    await follow();
    await until(() => recorded().length >= 2);
    await stopAll();
    const meanwhile = settle(2);
    await follow();
    await until(() => recorded().length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorded().map((record) => record.requestId)).toEqual([...first, ...meanwhile]);
  });

  it('the service platform answering 503 → lastError says so and nothing is recorded; recorded once it answers', async () => {
    services.setFailing(true);
    try {
      const follower = await follow();
      const ids = settle(1);
      await until(() => follower.health().lastError !== null);
      expect(follower.health().lastError).toContain('HTTP 503');
      expect(recorded()).toEqual([]);
      services.setFailing(false);
      await until(() => recorded().some((record) => record.requestId === ids[0]));
      await until(() => follower.health().lastError === null);
    } finally {
      services.setFailing(false);
    }
  });

  it('the ledger refusing records → the cursor stays where it was; the write-back recorded once it takes them', async () => {
    const sink = new SwitchableAuditSink();
    sink.failing = true;
    const follower = await follow(sink);
    const ids = settle(1);
    await until(() => follower.health().lastError !== null);
    const stuck = follower.health().seq;
    sink.failing = false;
    await until(() => follower.health().seq === 1);
    expect({ stuck, recorded: sink.records.filter((record) => record.requestId === ids[0]).length }).toEqual({ stuck: 0, recorded: 1 });
  });

  it('a settled write-back that is not well-formed → nothing past it recorded, and lastError says why', async () => {
    const [good] = settle(1);
    services.addRawOutcome({ seq: 2, eventId: 'APP-X/1' });
    settle(1);
    const follower = await follow();
    await until(() => follower.health().lastError !== null);
    expect({ error: follower.health().lastError, recorded: recorded().map((record) => record.requestId), seq: follower.health().seq }).toEqual({
      error: expect.stringContaining('not well-formed'),
      recorded: [good],
      seq: 1,
    });
  });

  it('no service platform in the graph → neither it nor the cursor is touched, and nothing is wrong', async () => {
    hasServices = false;
    const asked = services.requests(WRITE_BACK_OUTCOMES_PATH);
    const follower = await follow();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect({ asked: services.requests(WRITE_BACK_OUTCOMES_PATH) - asked, health: follower.health() }).toEqual({ asked: 0, health: { seq: null, lastError: null } });
  });

  it('each request → a gateway token for services, in the name of the gateway', async () => {
    await follow();
    await until(() => services.claims(WRITE_BACK_OUTCOMES_PATH).length > 0);
    expect(services.claims(WRITE_BACK_OUTCOMES_PATH).at(-1)?.identity).toEqual({ sub: 'govgraph-gateway', roles: [], dept: null, clearance: 0 });
  });
});
