import path from 'node:path';
import { firstDifference } from './firstDifference';
import { median } from './median';
import { gatewayRunCells, measureGateway, startBenchGateway, type BenchGateway, type GatewayRun } from './startBenchGateway';
import { CACHE_ENV } from '../../gateway/config/cacheConfig';
import type { GatewayBenchInput } from './GatewayBenchInput';

/** The gateway's setting for its policy-aware response cache (in memory here): `on`, or `off` (the default). */
export const RESPONSE_CACHE_ENV = CACHE_ENV.enabled;

export interface CacheBenchInput extends GatewayBenchInput {
  rounds: number;
}

export interface CacheBenchResult {
  /** Per round and gateway: query, cache, round, req/s, p50, p99, gateway CPU µs per request. */
  rows: string[][];
  summary: string[][];
  /** Throughput with the cache on over off, one per round, and their median. */
  ratio: { median: number; rounds: number[] };
}

type CacheSetting = 'on' | 'off';

/**
 * The same query repeated, through two gateway processes started alike over the same running
 * departments, one with the response cache on and one with it off (`RESPONSE_CACHE_ENV`), so
 * that each serves as many requests as the other (a gateway grows cheaper per request as it
 * serves more). Each is warmed up (which also fills the cache); then the rounds alternate off,
 * on, then on, off. The figure is the median of the per-round throughput ratios, on / off, with
 * the gateway's CPU per request beside. A cache must not change what a reader gets: in every
 * round, the answer the cached gateway's run checked each response against must be the same
 * data as the uncached gateway's, or the bench stops.
 */
export async function benchCache(input: CacheBenchInput): Promise<CacheBenchResult> {
  const settings: CacheSetting[] = ['off', 'on'];
  const body = JSON.stringify({ query: input.query, variables: input.variables });
  const gateways = new Map<CacheSetting, BenchGateway>();
  const rows: string[][] = [];
  const rates: Record<CacheSetting, number[]> = { off: [], on: [] };
  const p50s: Record<CacheSetting, number[]> = { off: [], on: [] };
  const cpu: Record<CacheSetting, number[]> = { off: [], on: [] };
  try {
    console.log('starting 2 gateways over the same departments (response cache off, on)…');
    for (const setting of settings) {
      const env = { ...input.env, [RESPONSE_CACHE_ENV]: setting, GOVGRAPH_AUDIT_DIR: path.join(input.dataDir, `audit-cache-${setting}`) };
      gateways.set(setting, await startBenchGateway(env, input.subgraphUrls, `response cache ${setting}`));
    }
    const run = (setting: CacheSetting, label: string): Promise<GatewayRun> => measureGateway(gateways.get(setting)!, body, input.headers, input.load, label);
    // A fresh process runs cold until the JIT has compiled its paths: one unrecorded run of each first.
    const warm = { off: await run('off', `${input.name} warm-up, response cache off`), on: await run('on', `${input.name} warm-up, response cache on`) };
    sameData(warm.on.answer, warm.off.answer, 'the warm-up');
    for (let round = 0; round < input.rounds; round++) {
      // off, on, then on, off: a drift of the machine's speed within a pair of rounds weighs on both alike.
      const order = round % 2 === 0 ? settings : [...settings].reverse();
      const answers: Partial<Record<CacheSetting, string>> = {};
      for (const setting of order) {
        const result = await run(setting, `${input.name} response cache ${setting}`);
        answers[setting] = result.answer;
        rates[setting].push(result.rate);
        p50s[setting].push(result.p50);
        if (result.cpuMicros !== null) cpu[setting].push(result.cpuMicros);
        rows.push([input.name, setting, String(round + 1), ...gatewayRunCells(result)]);
      }
      sameData(answers.on!, answers.off!, `round ${round + 1}`);
    }
  } finally {
    // autocannon stops with requests in flight: let them finish before their gateway closes its ledger.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all([...gateways.values()].map((gateway) => gateway.stop()));
  }
  const rounds = rates.on.map((rate, i) => rate / rates.off[i]);
  const ratio = { median: median(rounds), rounds };
  const range = `rounds ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}`;
  const cpuBeside = cpu.on.length && cpu.off.length ? `; gateway CPU per request ${median(cpu.off).toFixed(0)} → ${median(cpu.on).toFixed(0)} µs` : '';
  const summary = [
    [
      input.name,
      'response cache on / off, gateway',
      ratio.median.toFixed(2),
      `the repeated query at ${ratio.median.toFixed(2)}× the throughput with the response cache on (${range}); p50 ${median(p50s.off)} → ${median(p50s.on)} ms${cpuBeside}`,
    ],
  ];
  return { rows, summary, ratio };
}

/** Stops the bench unless the cached gateway's answer is the same data as the uncached one's. */
function sameData(cached: string, uncached: string, when: string): void {
  const [on, off] = [cached, uncached].map((text) => (JSON.parse(text) as { data?: unknown }).data);
  const difference = firstDifference(on, off, 'data');
  if (difference !== null)
    throw new Error(
      `in ${when}, the gateway with the response cache on answers other data than the one with it off: ${difference}. ` +
        'A cache must not change what a reader gets; the cache section stops here.',
    );
}
