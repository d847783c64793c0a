import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GATEWAY_ENV } from '../../gateway/config';
import { LIMITS_ENV } from '../../gateway/config/limitsConfig';
import { OBSERVABILITY_ENV } from '../../gateway/config/observabilityConfig';
import { RATE_LIMITS_ENV } from '../../gateway/config/rateLimitsConfig';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { BENCHMARK_SUBGRAPHS, FEDERATION_BENCHMARK_DIR, type BenchmarkSubgraph } from '../support/federationBenchmarkSubgraphs';
import { UNSPENDABLE } from './benchRateLimitEnv';
import { firstDifference } from './firstDifference';
import { loadRun, type Load } from './loadRun';
import { machine } from './machine';
import { perRoundRatios, type RoundRatios } from './perRoundRatios';
import { printPublicFigures } from './printPublicFigures';
import { processCpuSeconds } from './processCpuSeconds';
import { PUBLIC_TARGETS, type PublicRun, type PublicTarget } from './publicRun';
import { startListening, type ListeningProcess } from './startListening';
import { writePublicGraph } from './writePublicGraph';

export interface PublicBenchOptions {
  /** Seconds per measured run. */
  duration: number;
  /** Rounds of one run per gateway (at least 4 are run). */
  rounds: number;
  connections: number;
  /** A 5 s warm-up instead of 15 s. */
  quick: boolean;
}

/** govgraph / vanilla over the rounds, as printed: throughput, and the gateway process's CPU time per request (null without /proc). */
export interface PublicFigures {
  throughput: RoundRatios | null;
  gatewayCpu: RoundRatios | null;
}

/** The gateway processes compared, each over the same supergraph and the same subgraphs process. */
type Gateways = Record<PublicTarget, ListeningProcess<string>>;

const REQUIRE_TSX = ['--require', 'tsx/cjs'];

/**
 * `npm run bench -- --public` (section `public`): govgraph's gateway against a vanilla Apollo
 * Gateway (`vanillaGateway.ts`) over the public federation benchmark's graph, as that benchmark
 * runs it: its four subgraphs in one process of their own, its one deep query, anonymous, 50
 * connections. govgraph's gateway runs as `govgraph gateway` over the supergraph composed here
 * and the `policy scaffold --allow-public` folder (policies enforced, every field public), in a
 * fresh data directory, with the benchmark's query within the cost budget
 * (docs/running-any-graph.md) and an anonymous rate budget no run spends (the limiter still
 * counts every request). Both answers must equal `expected-response.json` before anything is
 * measured. Then a warm-up of each (15 s; 5 with `quick`), and rounds alternating vanilla,
 * govgraph, govgraph, vanilla, …; each run's throughput, latency, and the CPU time per request
 * of the gateway's process and of the subgraphs' (from /proc), which waiting for a core shared
 * with other work does not inflate. Prints its figures with the machine, and returns govgraph /
 * vanilla for the goals table.
 */
export async function benchPublic(options: PublicBenchOptions): Promise<PublicFigures> {
  const rounds = Math.max(options.rounds, 4);
  const load: Load = { duration: options.duration, connections: options.connections, tally: { responses: 0, runs: 0 } };
  const loadAtStart = os.loadavg()[0];
  console.log(
    `govgraph bench, public — govgraph's gateway and @apollo/gateway ${apolloGatewayVersion()} over the public federation benchmark, ` +
      `${rounds} alternating rounds of ${load.duration} s per gateway, ${load.connections} connections`,
  );
  console.log(`machine: ${machine()}, load average ${loadAtStart.toFixed(1)}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-bench-public-'));
  const env = cleanEnv(process.env);
  const started: ListeningProcess<unknown>[] = [];
  const runs: PublicRun[] = [];
  try {
    const subgraphs = await startListening(
      'benchmark subgraphs',
      [...REQUIRE_TSX, path.join(PROJECT_ROOT, 'test', 'support', 'federationBenchmarkSubgraphs.ts'), '--port', '0'],
      env,
      subgraphUrlsIn,
    );
    started.push(subgraphs);
    const graph = writePublicGraph(dir, subgraphs.ready);
    console.log(`subgraphs ${Object.values(subgraphs.ready).join(', ')}; supergraph and allow-public policies in ${dir}`);
    const vanilla = await startListening(
      'vanilla gateway',
      [...REQUIRE_TSX, path.join(__dirname, 'vanillaGateway.ts'), '--supergraph', graph.supergraphFile, '--port', '0'],
      env,
      urlAfter(/^vanilla gateway (http:\/\/\S+)$/m),
    );
    started.push(vanilla);
    const govgraph = await startListening(
      "govgraph's gateway",
      [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'gateway', '--supergraph', graph.supergraphFile, '--policies', graph.policiesDir, '--port', '0'],
      { ...env, ...govgraphEnv(path.join(dir, 'data')) },
      urlAfter(/^gateway (http:\/\/\S+)$/m),
    );
    started.push(govgraph);
    const gateways: Gateways = { vanilla, govgraph };

    const body = JSON.stringify({ query: fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'query.graphql'), 'utf8') });
    const expected: unknown = JSON.parse(fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'expected-response.json'), 'utf8'));
    for (const target of PUBLIC_TARGETS) await checkAnswer(target, gateways[target].ready, body, expected);
    console.log('both gateways answer the query with exactly expected-response.json');

    const run = async (target: PublicTarget, runLoad: Load, label: string) => {
      const pids = { gateway: gateways[target].pid, subgraphs: subgraphs.pid };
      const before = { gateway: processCpuSeconds(pids.gateway), subgraphs: processCpuSeconds(pids.subgraphs) };
      const result = await loadRun(gateways[target].ready, body, {}, runLoad, label);
      // autocannon stops with requests in flight: let them finish, so that their CPU time counts in this run and not the next.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Plus the one request `loadRun` sends first to learn the answer.
      const requests = result.requests + 1;
      const perRequest = (pid: number, start: number | null): number | null => {
        const end = processCpuSeconds(pid);
        return start === null || end === null ? null : ((end - start) * 1000) / requests;
      };
      return { ...result, gatewayCpuMs: perRequest(pids.gateway, before.gateway), subgraphsCpuMs: perRequest(pids.subgraphs, before.subgraphs) };
    };
    // A fresh process runs cold until the JIT has compiled its paths and its heap has grown: an unrecorded run of each first, as long as the public benchmark's.
    const warmUp = { ...load, duration: options.quick ? 5 : 15 };
    for (const target of PUBLIC_TARGETS) await run(target, warmUp, `public warm-up, ${target}`);
    for (let round = 0; round < rounds; round++) {
      // vanilla, govgraph, then govgraph, vanilla: a drift of the machine's speed within a pair of rounds weighs on both alike.
      const order = round % 2 === 0 ? PUBLIC_TARGETS : [...PUBLIC_TARGETS].reverse();
      for (const target of order) runs.push({ target, round: round + 1, ...(await run(target, load, `public, ${target}`)) });
    }
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(started.map((process) => process.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printPublicFigures(runs);
  console.log(`
Figures — ${machine()}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.
Every response measured was HTTP 200 with the expected data: ${load.tally.responses.toLocaleString('en')} responses in ${load.tally.runs} runs.`);
  return { throughput: perRoundRatios(runs, (run) => run.rate), gatewayCpu: perRoundRatios(runs, (run) => run.gatewayCpuMs) };
}

/**
 * This process's environment without what would configure the processes started here: no
 * govgraph setting, no services (the gateway runs embedded), no Apollo GraphOS key (the vanilla
 * gateway would report usage), no NODE_ENV.
 */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const dropped = new Set(['REDIS_URL', 'DATABASE_URL', 'NODE_ENV', 'APOLLO_KEY', 'APOLLO_GRAPH_REF', OBSERVABILITY_ENV.otlpEndpoint]);
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('GOVGRAPH_') && !dropped.has(name)));
}

/** govgraph's gateway as docs/running-any-graph.md runs it over this graph, with the bench's log level and an anonymous rate budget no run spends. */
function govgraphEnv(dataDir: string): Record<string, string> {
  return {
    [GATEWAY_ENV.dataDir]: dataDir,
    [OBSERVABILITY_ENV.logLevel]: 'error',
    // The query nests lists five deep that nothing sizes; they hold at most six items.
    [LIMITS_ENV['cost.defaultListSize']]: '5',
    [LIMITS_ENV['cost.budgets']]: 'anonymous=10000,default=10000',
    [RATE_LIMITS_ENV.perAnonymousAddress]: String(UNSPENDABLE),
  };
}

/** The four subgraphs' URLs, once the subgraphs process has printed them all (`<name>  <url>` each). */
function subgraphUrlsIn(output: string): Record<BenchmarkSubgraph, string> | null {
  const urls: Partial<Record<BenchmarkSubgraph, string>> = {};
  for (const name of BENCHMARK_SUBGRAPHS) {
    const url = new RegExp(`^${name}\\s+(http://\\S+)$`, 'm').exec(output)?.[1];
    if (!url) return null;
    urls[name] = url;
  }
  return urls as Record<BenchmarkSubgraph, string>;
}

const urlAfter =
  (pattern: RegExp) =>
  (output: string): string | null =>
    pattern.exec(output)?.[1] ?? null;

/** Stops the bench unless `url` answers the benchmark's query with HTTP 200 and exactly the expected response. */
async function checkAnswer(target: PublicTarget, url: string, body: string, expected: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await response.text();
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`the ${target} gateway (${url}) answers the benchmark query with ${response.status} and no JSON: ${text.slice(0, 300)}`);
  }
  const difference = firstDifference(answer, expected);
  if (response.status !== 200 || difference !== null) {
    const errors = (answer as { errors?: unknown } | null)?.errors;
    throw new Error(
      `the ${target} gateway (${url}) does not answer the benchmark query as expected-response.json says: HTTP ${response.status}` +
        `${errors ? `, errors ${JSON.stringify(errors).slice(0, 500)}` : ''}${difference ? `; first difference at ${difference}` : ''}. Nothing was measured.`,
    );
  }
}

function apolloGatewayVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules', '@apollo', 'gateway', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
