import Redis from 'ioredis';
import { gatewayConfigOf } from '../../gateway/config';
import { sha256Hex } from '../../gateway/limit/persisted';
import type { RunningGateway } from '../../gateway/server';
import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { startSecondGateway } from '../support/secondGateway';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

/**
 * A gateway whose Redis stops answering, goes away and comes back (through a TCP proxy the
 * test cuts): with the default `split` policy it refuses anonymous callers with 503 and serves
 * staff, persisted queries degrade to misses, no request waits much past the store timeout,
 * and it is back to normal by itself once Redis is.
 */
const PREFIX = uniqueRedisPrefix('limits-down');
const QUERY = '{ things { id } }';
const STORE_TIMEOUT_MS = 150;

describeWithRedis('rate limits and persisted queries with Redis down (split)', () => {
  let stack: FixtureStack;
  let proxy: TcpProxy;
  let staff: Record<string, string>;
  let withoutRedis: RunningGateway;

  beforeAll(async () => {
    const { hostname, port } = new URL(REDIS_URL!);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    const config = gatewayConfigOf({
      redisUrl: proxy.url,
      redisPrefix: PREFIX,
      rateLimits: { storeTimeoutMs: STORE_TIMEOUT_MS },
      operations: { storeTimeoutMs: STORE_TIMEOUT_MS },
    });
    stack = await startFixtureStack({ gateway: { config } });
    staff = await stack.authorization(CASEWORKER);
    // Nothing listens on port 1: Redis unreachable from the start.
    withoutRedis = await startSecondGateway(stack, gatewayConfigOf({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: PREFIX, rateLimits: { storeTimeoutMs: STORE_TIMEOUT_MS } }));
  });

  afterEach(() => proxy.release());

  afterAll(async () => {
    await withoutRedis?.close();
    await stack?.close();
    await proxy?.close();
    const redis = new Redis(REDIS_URL!);
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}, url = stack.gateway.url) {
    const started = Date.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as { data?: unknown; errors?: { extensions: Record<string, unknown> }[] };
    return { status: response.status, code: json.errors?.[0]?.extensions.code, data: json.data, ms: Date.now() - started };
  }

  /** Retries an anonymous request until it is served (Redis back), for at most `ms`. */
  async function servedWithin(ms: number): Promise<number> {
    const deadline = Date.now() + ms;
    let status = (await post({ query: QUERY })).status;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await post({ query: QUERY })).status;
    }
    return status;
  }

  it('Redis answering → an anonymous caller served', async () => {
    expect((await post({ query: QUERY })).status).toBe(200);
  });

  it('Redis not answering → an anonymous caller refused with 503 RATE_LIMIT_UNAVAILABLE, without waiting a second', async () => {
    proxy.holdReplies();
    const refused = await post({ query: QUERY });
    expect([refused.status, refused.code, refused.ms < 1000]).toEqual([503, 'RATE_LIMIT_UNAVAILABLE', true]);
  });

  it('Redis not answering → staff served', async () => {
    proxy.holdReplies();
    expect(await post({ query: QUERY }, staff)).toMatchObject({ status: 200, data: { things: [{ id: 't1' }, { id: 't2' }] } });
  });

  it('Redis not answering → a persisted query hash alone is a miss (PERSISTED_QUERY_NOT_FOUND), not an error', async () => {
    proxy.holdReplies();
    const query = '{ things { name } }';
    const missed = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } }, staff);
    expect([missed.status, missed.code, missed.ms < 1000]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND', true]);
  });

  it('Redis not answering → a persisted query sent with its text served', async () => {
    proxy.holdReplies();
    const query = '{ things { id name } }';
    expect((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } } }, staff)).status).toBe(200);
  });

  it('Redis answering again → anonymous callers served again', async () => {
    proxy.holdReplies();
    await post({ query: QUERY });
    proxy.release();
    expect(await servedWithin(3000)).toBe(200);
  });

  it('Redis gone (connections dropped) and back → staff served throughout, anonymous callers again once it is back', async () => {
    await proxy.close();
    const during = [await post({ query: QUERY }), await post({ query: QUERY }, staff)].map((r) => r.status);
    proxy = await startTcpProxy({ host: new URL(REDIS_URL!).hostname, port: Number(new URL(REDIS_URL!).port || 6379) }, 'redis', proxy.port);
    expect([...during, await servedWithin(5000)]).toEqual([503, 200, 200]);
  });

  it('Redis unreachable from start-up → the gateway started and serves staff, refuses anonymous callers', async () => {
    const statuses = [(await post({ query: QUERY }, staff, withoutRedis.url)).status, (await post({ query: QUERY }, {}, withoutRedis.url)).status];
    expect(statuses).toEqual([200, 503]);
  });
});
