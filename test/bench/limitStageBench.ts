import { createHash } from 'node:crypto';
import path from 'node:path';
import Redis from 'ioredis';
import { limitCheckMicroseconds } from './limitCheckMicroseconds';
import { limitStageEnv, type LimitStage } from './limitStageEnv';
import { limitStageSummary } from './limitStageSummary';
import type { Load } from './loadRun';
import { gatewayRunCells, measureGateway, startBenchGateway, type BenchGateway, type GatewayRun } from './startBenchGateway';
import type { GatewayBenchInput } from './GatewayBenchInput';

export interface LimitStageBenchInput extends GatewayBenchInput {
  rounds: number;
  /** With a Redis, a third gateway keeps its rate counters and persisted queries there. */
  redisUrl?: string;
}

/** One kind of run: a gateway, and the query sent as its full text or as its APQ hash alone. */
interface Target {
  stage: LimitStage;
  send: 'text' | 'hash';
}

const keyOf = (target: Target): string => `${target.stage}|${target.send}`;

/**
 * Stage 2's figures, over one set of running departments. Each kind of run has a gateway
 * process of its own, configured by `limitStageEnv` — `off|text`, `on|text`, `on|hash` and,
 * with a Redis, `on, Redis|text` and `on, Redis|hash` — so that every gateway serves the same
 * number of requests: a gateway grows cheaper per request as it serves more (the JIT, V8's heap
 * sizing), and one serving two kinds would be ahead of one serving a single kind. Each is
 * warmed up; then every round runs each kind once, forward in one round and backward in the
 * next (the machine's speed drifts: only neighbouring runs compare):
 * - the review query's full text: `on` / `off` is what stage 2 costs;
 * - its APQ hash alone (registered once beforehand) against its full text, same
 *   configuration: persisted / plain is what sending the hash saves.
 * Beside throughput, each gateway's CPU time per request (from /proc), which waiting for a
 * core shared with other work does not inflate.
 */
export async function benchLimitStage(input: LimitStageBenchInput): Promise<{ rows: string[][]; summary: string[][] }> {
  const redis = input.redisUrl ? { url: input.redisUrl, prefix: `govgraph-bench-${process.pid}:` } : undefined;
  const stages: LimitStage[] = redis ? ['off', 'on', 'on, Redis'] : ['off', 'on'];
  // `off` has no persisted queries: it only answers the text. It runs in the middle, each text run next to it, each hash run next to its text run.
  const kinds = (stage: LimitStage): Target[] => [
    { stage, send: 'hash' },
    { stage, send: 'text' },
  ];
  const off: Target = { stage: 'off', send: 'text' };
  const targets = redis ? [...kinds('on'), off, ...kinds('on, Redis').reverse()] : [...kinds('on'), off];
  const hash = createHash('sha256').update(input.query).digest('hex');
  const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };
  const bodies = { text: JSON.stringify({ query: input.query, variables: input.variables }), hash: JSON.stringify({ variables: input.variables, extensions: persisted }) };

  const gateways = new Map<string, BenchGateway>();
  const rows: string[][] = [];
  const rates = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  try {
    console.log(`starting ${targets.length} gateways over the same departments (${targets.map(keyOf).join(', ')})…`);
    for (const target of targets) {
      const ledger = path.join(input.dataDir, `audit-stage2-${keyOf(target).replace(/\W+/g, '-')}`);
      const env = { ...input.env, ...limitStageEnv(target.stage, redis), GOVGRAPH_AUDIT_DIR: ledger };
      gateways.set(keyOf(target), await startBenchGateway(env, input.subgraphUrls, `stage 2 ${keyOf(target)}`));
    }
    const run = (target: Target, load: Load, label: string): Promise<GatewayRun> => measureGateway(gateways.get(keyOf(target))!, bodies[target.send], input.headers, load, label);
    for (const target of targets.filter((t) => t.send === 'hash'))
      await registerPersisted(gateways.get(keyOf(target))!.url, input.query, input.variables, input.headers, persisted);
    // A fresh process runs cold until the JIT has compiled its paths: one unrecorded run of each kind first.
    for (const target of targets) await run(target, input.load, `${input.name} warm-up, stage 2 ${target.stage}, ${target.send}`);

    for (let round = 0; round < input.rounds; round++) {
      // Forward, then backward: a drift of the machine's speed within a pair of rounds weighs on every kind alike.
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const result = await run(target, input.load, `${input.name} stage 2 ${target.stage}, ${target.send}`);
        const key = keyOf(target);
        rates.set(key, [...(rates.get(key) ?? []), result.rate]);
        if (result.cpuMicros !== null) cpu.set(key, [...(cpu.get(key) ?? []), result.cpuMicros]);
        const sent = target.send === 'text' ? 'full text' : 'hash alone';
        rows.push([input.name, target.stage, sent, String(round + 1), ...gatewayRunCells(result)]);
      }
    }
  } finally {
    // autocannon stops with requests in flight: let them finish before their gateway closes its ledger.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all([...gateways.values()].map((gateway) => gateway.stop()));
    if (redis) await deleteKeys(redis.url, redis.prefix);
  }

  const sizes = { limitCheckMicros: limitCheckMicroseconds(input.query, input.variables), textBytes: Buffer.byteLength(bodies.text), hashBytes: Buffer.byteLength(bodies.hash) };
  const summary = limitStageSummary(input.name, stages, { rates, cpu }, sizes);
  return { rows, summary };
}

/** Sends the query once with its hash, so that the hash alone is known to the gateway's store from then on. */
async function registerPersisted(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>, extensions: object): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables, extensions }) });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors || !answer.data)
    throw new Error(`registering the persisted query at ${url} failed: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
}

/** Removes what the bench's gateways left under their own prefix (rate counters, the persisted query). */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const keys: string[] = [];
    for await (const batch of client.scanStream({ match: `${prefix}*`, count: 100 }) as AsyncIterable<string[]>) keys.push(...batch);
    if (keys.length) await client.del(...keys);
  } catch (error) {
    console.warn(`the bench's Redis keys (${prefix}*) were not removed: ${(error as Error).message}`);
  } finally {
    client.disconnect();
  }
}
