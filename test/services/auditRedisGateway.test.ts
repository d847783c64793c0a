import Redis from 'ioredis';
import pino from 'pino';
import { GatewayAudit, verifyStream, type AuditRecord } from '../../gateway/audit';
import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

/**
 * Gateways writing their audit records to one Redis stream: concurrent requests, several
 * instances sharing the chain, and Redis gone (fail closed).
 */
const KEY = 'an audit key for tests, 32+ bytes long';
const PREFIX = uniqueRedisPrefix('audit-gateway');
const QUERY = 'query Thing($id: ID!) { thing(id: $id) { id name colour } }';

async function post(stack: FixtureStack): Promise<{ status: number; requestId: string; body: unknown }> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-purpose': 'review', ...(await stack.authorization(CASEWORKER)) },
    body: JSON.stringify({ query: QUERY, variables: { id: 't1' } }),
  });
  return { status: response.status, requestId: response.headers.get('x-request-id')!, body: await response.json() };
}

const auditOn = (url: string, stream: string) => ({ gateway: { audit: { redis: { url, stream }, key: KEY } } });

describeWithRedis('gateways auditing to a Redis stream', () => {
  let redis: Redis;
  const key = new TextEncoder().encode(KEY);
  const requestIdsIn = async (stream: string) => (await redis.xrange(stream, '-', '+')).map(([, fields]) => (JSON.parse(fields[1]) as AuditRecord).requestId);

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  describe('200 requests in parallel through one gateway', () => {
    const stream = `${PREFIX}parallel`;
    let stack: FixtureStack;
    let responses: { status: number; requestId: string }[];

    beforeAll(async () => {
      stack = await startFixtureStack(auditOn(REDIS_URL!, stream));
      responses = await Promise.all(Array.from({ length: 200 }, () => post(stack)));
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('answers all 200 requests', () => {
      expect(responses.filter((response) => response.status === 200)).toHaveLength(200);
    });

    it('leaves exactly 200 records, one per request', async () => {
      expect((await requestIdsIn(stream)).sort()).toEqual(responses.map((response) => response.requestId).sort());
    });

    it('leaves a chain that verifies, numbered without gaps', async () => {
      expect(await verifyStream(redis, stream, key)).toMatchObject({ ok: true, count: 200, last: { seq: 200 } });
    });
  });

  describe('two gateway instances sharing one stream', () => {
    const stream = `${PREFIX}shared`;
    let stacks: FixtureStack[];
    let responses: { status: number; requestId: string }[];

    beforeAll(async () => {
      stacks = [await startFixtureStack(auditOn(REDIS_URL!, stream)), await startFixtureStack(auditOn(REDIS_URL!, stream))];
      responses = await Promise.all(Array.from({ length: 200 }, (_, i) => post(stacks[i % 2])));
    });

    afterAll(async () => {
      await Promise.all((stacks ?? []).map((stack) => stack.close()));
    });

    it('answers every request of both', () => {
      expect(responses.filter((response) => response.status === 200)).toHaveLength(200);
    });

    it("leaves one chain that verifies, holding every request's record", async () => {
      const verified = await verifyStream(redis, stream, key);
      expect([verified, (await requestIdsIn(stream)).sort()]).toEqual([
        { ok: true, count: 200, files: [stream], last: { seq: 200, hash: expect.any(String) } },
        responses.map((response) => response.requestId).sort(),
      ]);
    });
  });

  describe('a gateway whose Redis stops', () => {
    const stream = `${PREFIX}stopped`;
    let proxy: TcpProxy;
    let stack: FixtureStack;

    beforeAll(async () => {
      const { hostname, port } = new URL(REDIS_URL!);
      proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
      stack = await startFixtureStack(auditOn(proxy.url, stream));
      await proxy.close();
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('answers 503 AUDIT_UNAVAILABLE without data', async () => {
      const { status, body } = await post(stack);
      expect([status, body]).toEqual([
        503,
        { errors: [{ message: expect.stringContaining('could not be recorded in the audit log'), extensions: { code: 'AUDIT_UNAVAILABLE' } }] },
      ]);
    });
  });

  describe('a gateway whose Redis connection goes silent without closing (a partition)', () => {
    const stream = `${PREFIX}stranded`;
    let proxy: TcpProxy;
    let stack: FixtureStack;

    beforeAll(async () => {
      const { hostname, port } = new URL(REDIS_URL!);
      proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
      stack = await startFixtureStack({ gateway: { audit: { redis: { url: proxy.url, stream, commandTimeoutMs: 250 }, key: KEY } } });
      expect((await post(stack)).status).toBe(200);
      proxy.strand();
    });

    afterAll(async () => {
      await stack?.close();
      await proxy?.close();
    });

    it('answers 503 AUDIT_UNAVAILABLE while no reply comes, then 200 on a new connection by itself', async () => {
      const during = await post(stack);
      const started = Date.now();
      let after = await post(stack);
      while (after.status !== 200 && Date.now() - started < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await post(stack);
      }
      const code = (during.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
      expect([during.status, code, after.status]).toEqual([503, 'AUDIT_UNAVAILABLE', 200]);
    });
  });

  it('Redis unreachable when the gateway starts → opening its audit ledger fails, naming the stream', async () => {
    const closed = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    await closed.close();
    const audit = new GatewayAudit({ redis: { url: closed.url, stream: `${PREFIX}never` }, key: KEY }, { mode: 'development', log: pino({ level: 'silent' }) });
    await expect(audit.open()).rejects.toThrow(`Cannot reach Redis at ${closed.url} for the audit stream`);
  });
});
