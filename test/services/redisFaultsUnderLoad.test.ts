import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { sha256Hex } from '../../gateway/limit/persisted';
import { silentConnectionMs } from '../../schema/contracts/silentConnectionMs';
import { reportFigures, startLoad, type Load, type LoadOptions, type PhaseClock, type PhaseFigures } from '../support/loadPhases';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { OFFICER, startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';

/**
 * The gateway's Redis (rate-limit counters, persisted queries) stops answering, then goes
 * away, then comes back, while the gateway is under load (autocannon on loopback). Redis is
 * reached through a TCP proxy the test cuts, so the machine's Redis, which other suites use,
 * is never restarted. Phases: before → silent (connected, no replies) → gone (connections
 * dropped, reconnecting refused) → back (until both connections serve again) → recovered
 * → stranded (the open connections never answer again; new ones would) → recovered.
 * `FAULT_FIGURES=1` prints what each phase met.
 */
const PREFIX = uniqueRedisPrefix('redis-faults-load');
/** Above what a Redis round trip takes on a busy shared machine, below the default (250 ms) only to keep the run short. */
const STORE_TIMEOUT_MS = 200;
/**
 * What a staff request sent while Redis is out may take beyond the slowest one before: the
 * rate-limit check and the persisted query lookup each give up after STORE_TIMEOUT_MS; the
 * margin is for a busy shared machine. A request that waited for Redis to come back would
 * take a whole phase.
 */
const WAIT_MARGIN_MS = 500;
/** ioredis retries every 100 ms … 1 s: once Redis is back, the next attempt or two succeed (the margin: a busy machine). */
const MAX_RECONNECT_MS = 4000;
const PHASE_MS = 1500;
/** After this long without a reply on a connection that awaits one, the gateway drops it and connects again. */
const SILENT_CONNECTION_MS = silentConnectionMs(STORE_TIMEOUT_MS);
/** Budgets no run reaches: this suite is about Redis failing, not about budgets being spent. */
const AMPLE = 1_000_000;

const STAFF_QUERY = 'query ($id: ID!) { person(idNumber: $id) { name enterprises { creditCode } } }';
const PERSISTED_QUERY = 'query Persisted($id: ID!) { person(idNumber: $id) { name } }';
const ANONYMOUS_QUERY = '{ serviceItems { code } }';

/** `ok` (200 with data, no error), or the first error's code, or the HTTP status. */
function outcomeOf(status: number, body: string): string {
  let answer: { data?: unknown; errors?: { extensions?: { code?: string } }[] } = {};
  try {
    answer = JSON.parse(body);
  } catch {
    return `http-${status}`;
  }
  if (answer.errors) return String(answer.errors[0].extensions?.code ?? `http-${status}`);
  return status === 200 && answer.data ? 'ok' : `http-${status}`;
}

describeWithRedis('Redis cut and restored under load', () => {
  const redisTarget = { host: new URL(REDIS_URL!).hostname, port: Number(new URL(REDIS_URL!).port || 6379) };
  const phases: PhaseClock = { current: 'before' };
  let proxy: TcpProxy;
  let stack: Stack;
  let figures: Record<'staff' | 'persisted' | 'anonymous', Record<string, PhaseFigures>>;
  let reconnectMs: number;
  let strandedReconnectMs: number;
  let staffHeaders: Record<string, string>;
  /** A persisted query sent by its hash alone. */
  let persistedRequest: unknown;
  let readyWhileGone: { status: number; redis: string };

  beforeAll(async () => {
    proxy = await startTcpProxy(redisTarget);
    stack = await startStack({
      departments: KIT_DEPARTMENTS,
      scale: 0.05,
      gatewayConfig: {
        redisUrl: proxy.url,
        redisPrefix: PREFIX,
        rateLimits: { enabled: true, whenStoreDown: 'split', storeTimeoutMs: STORE_TIMEOUT_MS, perIdentity: AMPLE, perDepartment: AMPLE, perAnonymousAddress: AMPLE },
        operations: { persistedQueries: true, storeTimeoutMs: STORE_TIMEOUT_MS },
      },
    });
    const people = await stack.request('{ people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    const variables = { id: people.body.data.people.edges[0].node.idNumber as string };
    const persisted = { persistedQuery: { version: 1, sha256Hash: sha256Hex(PERSISTED_QUERY) } };
    // Registered in Redis with its text once; the load then sends the hash alone.
    await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.tokenFor(OFFICER)}` },
      body: JSON.stringify({ query: PERSISTED_QUERY, variables, extensions: persisted }),
    });
    staffHeaders = { authorization: `Bearer ${await stack.tokenFor(OFFICER)}` };
    persistedRequest = { variables, extensions: persisted };
    const load = (headers: Record<string, string>, body: unknown): Load =>
      startLoad({ url: stack.gateway.url, phases, headers, connections: 2, bodyOf: () => JSON.stringify(body), outcomeOf } satisfies LoadOptions);
    const loads = {
      staff: load(staffHeaders, { query: STAFF_QUERY, variables }),
      persisted: load(staffHeaders, persistedRequest),
      anonymous: load({}, { query: ANONYMOUS_QUERY }),
    };
    await sleep(PHASE_MS);
    phases.current = 'silent';
    proxy.holdReplies();
    await sleep(PHASE_MS);
    phases.current = 'gone';
    await proxy.close();
    await sleep(PHASE_MS / 2);
    readyWhileGone = await readiness();
    await sleep(PHASE_MS / 2);
    proxy = await startTcpProxy(redisTarget, 'redis', proxy.port);
    phases.current = 'back';
    reconnectMs = await servedAgainAfter();
    phases.current = 'recovered';
    await sleep(PHASE_MS);
    phases.current = 'stranded';
    proxy.strand();
    strandedReconnectMs = await servedAgainAfter();
    phases.current = 'recovered';
    await sleep(PHASE_MS / 2);
    figures = { staff: await loads.staff.stop(), persisted: await loads.persisted.stop(), anonymous: await loads.anonymous.stop() };
    reportFigures('Redis cut and restored', figures, { reconnectMs, strandedReconnectMs, readyWhileGone });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    await proxy?.close();
    const redis = new Redis(REDIS_URL!);
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  /**
   * How long until both Redis connections serve again, polling: an anonymous caller served
   * (the rate-limit counters) and a persisted query found by its hash; Infinity when not within 10 s.
   */
  async function servedAgainAfter(): Promise<number> {
    const started = performance.now();
    const post = async (body: unknown, headers: Record<string, string> = {}): Promise<string> => {
      const response = await fetch(stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return outcomeOf(response.status, await response.text());
    };
    while ((await post({ query: ANONYMOUS_QUERY })) !== 'ok' || (await post(persistedRequest, staffHeaders)) !== 'ok') {
      if (performance.now() - started > 10_000) return Infinity;
      await sleep(20);
    }
    return Math.round(performance.now() - started);
  }

  async function readiness(): Promise<{ status: number; redis: string }> {
    const response = await fetch(`${new URL(stack.gateway.url).origin}/ready`);
    return { status: response.status, redis: ((await response.json()) as { checks: Record<string, string> }).checks.redis };
  }

  /** Every outcome met in the phases given (all of them by default, requests that spanned a change of phase included). */
  const outcomesIn = (of: Record<string, PhaseFigures>, ...only: string[]): string[] =>
    [...new Set(Object.entries(of).flatMap(([phase, f]) => (only.length === 0 || only.includes(phase) ? Object.keys(f.outcomes) : [])))].sort();

  it('staff → served (200 with data) in every phase, Redis silent and gone included', () => {
    const sentIn = (phase: string) => figures.staff[phase]?.requests > 0;
    expect({ outcomes: outcomesIn(figures.staff), sent: ['before', 'silent', 'gone', 'recovered'].every(sentIn) }).toEqual({ outcomes: ['ok'], sent: true });
  });

  it('Redis silent, gone or stranded → no staff request waits longer than the store timeouts allow', () => {
    /** The slowest answer to a staff request sent in these phases, answered in them or later. */
    const slowestSentIn = (...phases: string[]): number =>
      Math.max(
        ...[figures.staff, figures.persisted].flatMap((of) =>
          Object.entries(of)
            .filter(([key]) => phases.includes(key.split('→')[0]))
            .map(([, f]) => f.maxLatencyMs),
        ),
      );
    expect(slowestSentIn('silent', 'gone', 'stranded')).toBeLessThanOrEqual(slowestSentIn('before') + 2 * STORE_TIMEOUT_MS + WAIT_MARGIN_MS);
  });

  it('Redis silent or gone → anonymous callers refused with RATE_LIMIT_UNAVAILABLE (whenStoreDown split)', () => {
    expect(outcomesIn(figures.anonymous, 'silent', 'gone')).toEqual(['RATE_LIMIT_UNAVAILABLE']);
  });

  it('Redis silent or gone → a persisted query hash served or a miss (PERSISTED_QUERY_NOT_FOUND), never another error', () => {
    expect(outcomesIn(figures.persisted, 'silent', 'gone').filter((outcome) => outcome !== 'ok' && outcome !== 'PERSISTED_QUERY_NOT_FOUND')).toEqual([]);
  });

  it('Redis gone → /ready answers 503 naming Redis', () => {
    expect([readyWhileGone.status, readyWhileGone.redis === 'ok']).toEqual([503, false]);
  });

  it('Redis back → the gateway reconnects by itself: anonymous callers served and persisted queries found again within a few seconds', () => {
    expect(reconnectMs).toBeLessThanOrEqual(MAX_RECONNECT_MS);
  });

  it('connections left without replies for good (a lost TCP flow) → dropped, and the gateway reconnects by itself', () => {
    expect(strandedReconnectMs).toBeLessThanOrEqual(SILENT_CONNECTION_MS + MAX_RECONNECT_MS);
  });

  it('once reconnected → every caller served, persisted query hashes found again', () => {
    expect([figures.staff, figures.persisted, figures.anonymous].map((of) => outcomesIn(of, 'recovered'))).toEqual([['ok'], ['ok'], ['ok']]);
  });

  it('once reconnected → /ready answers 200 again, its own connection made again if it was stranded', async () => {
    const started = performance.now();
    let ready = await readiness();
    while (ready.status !== 200 && performance.now() - started < SILENT_CONNECTION_MS + MAX_RECONNECT_MS) ready = await readiness();
    expect(ready).toEqual({ status: 200, redis: 'ok' });
  });

  it('throughout → no request left without an answer (no timeout, no dropped connection)', () => {
    expect([figures.staff, figures.persisted, figures.anonymous].flatMap((of) => outcomesIn(of)).filter((outcome) => outcome === 'no-answer')).toEqual([]);
  });
});
