import Redis from 'ioredis';
import pino from 'pino';
import { auditStreamKeys, followWriteBackOutcomes, GatewayAudit, verifyStream, writeBackOutcomesFrom, type AuditRecord, type WriteBackAuditFollow } from '../../gateway/audit';
import { createDepartmentGet, SERVICE_PLATFORM } from '../../gateway/execute/departmentGet';
import { departmentRequest } from '../../gateway/execute/departmentRequest';
import { localGatewayKeys } from '../../schema/contracts/gatewayToken';
import { sampleOutcome, startFakeServicePlatform, type FakeServicePlatform } from '../support/fakeServicePlatform';
import { createTestGatewayKeys } from '../support/fixtureDepartments';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

/**
 * Settled write-backs recorded by gateway instances sharing the audit stream in a real Redis:
 * the cursor beside the stream, one instance recording a batch at a time.
 */
const log = pino({ level: 'silent' });
const KEY = 'an audit key for tests, 32+ bytes long';
const PREFIX = uniqueRedisPrefix('write-back-audit');

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('recording settled write-backs with the audit stream in Redis', () => {
  let redis: Redis;
  let services: FakeServicePlatform;
  let get: ReturnType<typeof createDepartmentGet>;
  let stream: string;
  let streams = 0;
  const running: { follow: WriteBackAuditFollow; audit: GatewayAudit }[] = [];

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    const keys = await createTestGatewayKeys();
    services = await startFakeServicePlatform(await localGatewayKeys(keys.jwks));
    get = createDepartmentGet({ keys, urlOf: (department) => (department === SERVICE_PLATFORM ? services.url : undefined), request: departmentRequest(), timeoutMs: 2000 });
  });

  beforeEach(() => {
    stream = `${PREFIX}audit-${++streams}`;
    services.reset();
  });

  afterEach(stopAll);

  afterAll(async () => {
    await services?.close();
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  async function stopAll(): Promise<void> {
    for (const { follow, audit } of running.splice(0)) {
      await follow.stop();
      await audit.close();
    }
  }

  /** A gateway instance's audit on the shared stream and its follower, polling every 5 ms in batches of 2. */
  async function instance(): Promise<WriteBackAuditFollow> {
    const audit = new GatewayAudit({ key: KEY, redis: { url: REDIS_URL!, stream } }, { mode: 'development', log });
    await audit.open();
    const follow = followWriteBackOutcomes({
      fetchOutcomes: writeBackOutcomesFrom(get),
      cursor: await audit.openWriteBackCursor(),
      record: (entry) => audit.append(entry),
      pollMs: 5,
      batchSize: 2,
      log,
    });
    running.push({ follow, audit });
    return follow;
  }

  const eventIds = async () => (await redis.xrange(stream, '-', '+')).map(([, fields]) => (JSON.parse(fields[1]) as AuditRecord).requestId);

  function settle(n: number): string[] {
    return Array.from({ length: n }, (_, i) => services.addOutcome(sampleOutcome({ eventId: `APP-${streams}-${i}/1` })).eventId);
  }

  it('two instances following at once → each write-back recorded once, in order', async () => {
    const ids = settle(20);
    await Promise.all([instance(), instance()]);
    await until(async () => (await eventIds()).length >= 20);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await eventIds()).toEqual(ids);
  });

  it('the cursor → a key beside the stream holding the last seq recorded', async () => {
    settle(3);
    await instance();
    await until(async () => (await redis.get(auditStreamKeys(stream).writeBackCursor)) === '{"seq":3}');
    expect(JSON.parse((await redis.get(auditStreamKeys(stream).writeBackCursor))!)).toEqual({ seq: 3 });
  });

  it('every instance restarted → nothing recorded twice, what was settled meanwhile recorded', async () => {
    const first = settle(3);
    await instance();
    await until(async () => (await eventIds()).length >= 3);
    await stopAll();
    const meanwhile = [services.addOutcome(sampleOutcome({ eventId: 'APP-later/1' })).eventId];
    await instance();
    await until(async () => (await eventIds()).length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await eventIds()).toEqual([...first, ...meanwhile]);
  });

  it('the lock held by another instance → nothing recorded until it is released', async () => {
    await redis.set(auditStreamKeys(stream).writeBackLock, 'another-instance', 'PX', 60_000);
    settle(1);
    await instance();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const whileHeld = (await eventIds()).length;
    await redis.del(auditStreamKeys(stream).writeBackLock);
    await until(async () => (await eventIds()).length === 1);
    expect(whileHeld).toBe(0);
  });

  it('the stream holding write-back records → verifies', async () => {
    settle(4);
    await Promise.all([instance(), instance()]);
    await until(async () => (await eventIds()).length >= 4);
    expect(await verifyStream(redis, stream, new TextEncoder().encode(KEY))).toMatchObject({ ok: true, count: 4 });
  });
});
