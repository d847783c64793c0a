import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readGatewayConfig } from '../../gateway/config';
import { benchRateLimitEnv, UNSPENDABLE } from '../bench/benchRateLimitEnv';
import { limitStageEnv } from '../bench/limitStageEnv';
import { limitStageSummary } from '../bench/limitStageSummary';
import { loadRun, type Load } from '../bench/loadRun';

const reviewer = { sub: 'bench-reviewer', roles: ['reviewer'], dept: 'market', clearance: 3 };

describe('the stage-2 configurations the bench compares', () => {
  it('off: rate limits and persisted queries are switched off in the configuration', () => {
    const config = readGatewayConfig(limitStageEnv('off'));
    expect([config.rateLimits.enabled, config.operations.persistedQueries]).toEqual([false, false]);
  });

  it('off: every operation limit and cost budget is raised out of reach', () => {
    const { limits } = readGatewayConfig(limitStageEnv('off'));
    const values = [
      limits.maxDepth,
      limits.maxAliases,
      limits.maxRootFields,
      limits.maxDirectives,
      limits.maxTokens,
      limits.maxBodyBytes,
      limits.maxStringLength,
      ...Object.values(limits.cost.budgets),
    ];
    expect(Math.min(...values)).toBe(UNSPENDABLE);
  });

  it('on: the defaults, with the bench readers budgets no run spends', () => {
    const config = readGatewayConfig({ ...benchRateLimitEnv([reviewer]), ...limitStageEnv('on') });
    expect(config.rateLimits).toMatchObject({
      enabled: true,
      identityBudgets: { 'bench-reviewer': UNSPENDABLE },
      perDepartment: UNSPENDABLE,
      perIdentity: 600,
      perAnonymousAddress: 120,
    });
  });

  it('on, Redis: rate counters and persisted queries use the Redis given, under the prefix given', () => {
    const config = readGatewayConfig(limitStageEnv('on, Redis', { url: 'redis://127.0.0.1:6399', prefix: 'bench-1:' }));
    expect([config.redisUrl, config.redisPrefix, config.operations.persistedQueries]).toEqual(['redis://127.0.0.1:6399', 'bench-1:', true]);
  });
});

describe('loadRun', () => {
  const CLEAN = '{"data":{"ok":true}}';
  let later = { status: 200, body: CLEAN };
  let calls = 0;
  const server = http.createServer((_req, res) => {
    calls += 1;
    // The first request (which gives the expected answer) is clean; the run's get `later`.
    const { status, body } = calls === 1 ? { status: 200, body: CLEAN } : later;
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  let url = '';
  const load = (): Load => ({ duration: 0.3, connections: 2, tally: { responses: 0, runs: 0 } });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls = 0;
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('a run with any 429 → throws, naming the status', async () => {
    later = { status: 429, body: '{"errors":[{"message":"Too many requests","extensions":{"code":"RATE_LIMITED"}}]}' };
    await expect(loadRun(url, '{}', {}, load(), 'bench run')).rejects.toThrow(/bench run: \d+ of \d+ responses were not 200.*× 429/);
  });

  it('a run answered 200 with errors instead of the data → throws, counting other answers', async () => {
    later = { status: 200, body: '{"errors":[{"message":"boom"}],"data":null}' };
    await expect(loadRun(url, '{}', {}, load(), 'bench run')).rejects.toThrow(/[1-9]\d* other answers/);
  });

  it('a run of clean answers → counts every response it checked', async () => {
    later = { status: 200, body: CLEAN };
    const run = load();
    const result = await loadRun(url, '{}', {}, run, 'bench run');
    expect(run.tally).toEqual({ responses: result.requests, runs: 1 });
  });
});

describe('limitStageSummary', () => {
  const SIZES = { limitCheckMicros: 16, textBytes: 700, hashBytes: 150 };
  const measures = (on: number[], off: number[]) => ({
    rates: new Map([
      ['on|text', on],
      ['on|hash', on],
      ['off|text', off],
    ]),
    cpu: new Map<string, number[]>(),
  });

  it('stage 2 within 5% in every round → the goal is met in every round', () => {
    const [cost] = limitStageSummary('review', ['off', 'on'], measures([98, 97, 99, 98], [100, 100, 100, 100]), SIZES);
    expect(cost[3]).toContain('goal ≤ 5%: met in every round, rounds 0.97–0.99');
  });

  it('rounds on both sides of the goal → met only in the median, and said to be too wide to decide', () => {
    const [cost] = limitStageSummary('review', ['off', 'on'], measures([120, 90, 99, 101], [100, 100, 100, 100]), SIZES);
    expect(cost[3]).toContain('met in the median, not in every round: rounds 0.90–1.20, too wide to decide by throughput');
  });
});
