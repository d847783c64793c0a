import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Identity } from '../../policies';
import { PROJECT_ROOT, readSubgraphSources } from '../../schema/composeSupergraph';
import { keysDir, loadOrCreateGatewayKeys, signGatewayToken } from '../../schema/gatewayToken';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../gateway/authenticate/jwtSecret';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { numberOption, parseOptions } from '../../gateway/cli/parseOptions';
import { freePort } from '../support/freePort';
import { BENCH_QUERIES } from './benchQueries';

/** Reads the seed to pick variables: may read everything the queries touch. */
const SETUP_READER: Identity = { sub: 'bench-setup', roles: ['officer', 'caseworker', 'reviewer'], dept: 'population', clearance: 4 };

type Mode = 'policies on' | 'policies off';

/**
 * `npm run bench [-- --scale N --duration S --connections C]`: starts the whole stack as
 * separate processes (as `npm start` does) over its own data directory, twice — with the
 * policies enforced and with them switched off (GOVGRAPH_POLICIES=off) — and in each drives
 * every benchmark query with autocannon through the gateway and straight at the owning
 * subgraph. Prints throughput, latency and SQL statements per request, the gateway/direct
 * ratio and the policies on/off ratio. Ratios within one run are the figures to compare.
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { scale: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' } });
  const scale = numberOption(values.scale, 'scale', 10);
  const duration = numberOption(values.duration, 'duration', 10);
  const connections = numberOption(values.connections, 'connections', 10);
  const dataDir = path.join(PROJECT_ROOT, '.data', `bench-scale-${scale}`);
  const secret = loadOrCreateJwtSecret(jwtSecretFile(dataDir));
  const keys = await loadOrCreateGatewayKeys(keysDir(dataDir));

  console.log(`govgraph bench — scale ${scale}, ${duration} s per run, ${connections} connections`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  const rows: string[][] = [];
  const gatewayRate = new Map<string, number>();
  for (const mode of ['policies on', 'policies off'] as Mode[]) {
    const stack = await startBenchStack(dataDir, mode);
    try {
      for (const query of BENCH_QUERIES) {
        const setup = { authorization: `Bearer ${await signUserToken(secret, SETUP_READER, { ttl: '1h' })}` };
        const variables = await query.variables(stack.gatewayUrl, setup);
        const reader = { authorization: `Bearer ${await signUserToken(secret, query.reader, { ttl: '1h' })}`, 'x-purpose': query.purpose };
        const direct = {
          authorization: `Bearer ${await signGatewayToken(keys.privateKey, query.owner, { identity: query.reader, purpose: query.purpose, requestId: 'bench', caseId: null }, 3600)}`,
        };
        const gateway = await measure(stack, stack.gatewayUrl, query.gateway, variables, reader, `${query.name} gateway (${mode})`, { duration, connections });
        const owner = await measure(stack, stack.subgraphUrls[query.owner], query.direct, variables, direct, `${query.name} direct (${mode})`, { duration, connections });
        rows.push([query.name, mode, 'gateway', ...gateway.cells], [query.name, mode, 'direct', ...owner.cells]);
        rows.push([query.name, mode, 'gateway/direct', (gateway.rate / owner.rate).toFixed(2), '', '', '', '']);
        gatewayRate.set(`${query.name}|${mode}`, gateway.rate);
      }
    } finally {
      await stack.stop();
    }
  }
  for (const query of BENCH_QUERIES) {
    const on = gatewayRate.get(`${query.name}|policies on`)!;
    const off = gatewayRate.get(`${query.name}|policies off`)!;
    rows.push([query.name, 'on/off', 'gateway', (on / off).toFixed(3), '', '', '', `policies cost ${((1 - on / off) * 100).toFixed(1)}% of throughput`]);
  }
  printTable(['query', 'policies', 'target', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'SQL statements per request'], rows);
  return 0;
}

interface BenchStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

async function startBenchStack(dataDir: string, mode: Mode): Promise<BenchStack> {
  const env: NodeJS.ProcessEnv = { ...process.env, GOVGRAPH_DATA_DIR: dataDir, GOVGRAPH_PORT: String(await freePort()), GOVGRAPH_LOG_LEVEL: 'error' };
  if (mode === 'policies off') env.GOVGRAPH_POLICIES = 'off';
  const subgraphUrls: Record<string, string> = {};
  for (const source of readSubgraphSources()) {
    const port = await freePort();
    env[`${source.name.toUpperCase()}_PORT`] = String(port);
    subgraphUrls[source.name] = `http://127.0.0.1:${port}/graphql`;
  }
  console.log(`starting the stack, ${mode} (the first run at this scale seeds ${dataDir})…`);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForOutput(child, /gateway\s+http/, 600_000);
  return {
    gatewayUrl: `http://127.0.0.1:${env.GOVGRAPH_PORT}/graphql`,
    subgraphUrls,
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function measure(
  stack: BenchStack,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  label: string,
  load: { duration: number; connections: number },
): Promise<{ rate: number; cells: string[] }> {
  const body = JSON.stringify({ query, variables });
  await assertAnswers(url, body, headers, label);
  const before = await statementCounts(stack.subgraphUrls);
  const result = await autocannon({ url, method: 'POST', ...load, headers: { 'content-type': 'application/json', ...headers }, body });
  const after = await statementCounts(stack.subgraphUrls);
  const requests = result.requests.total || 1;
  const statements = Object.keys(after)
    .map((name) => `${name} ${((after[name] - before[name]) / requests).toFixed(1)}`)
    .filter((cell) => !cell.endsWith(' 0.0'))
    .join(', ');
  const rate = result.requests.average;
  return { rate, cells: [rate.toFixed(0), String(result.latency.p50), String(result.latency.p99), String(result.non2xx + result.errors), statements] };
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the stack did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the stack exited with code ${code}:\n${seen}`)));
  });
}

/** A run only counts if the query answers cleanly: status 200 and no errors. */
async function assertAnswers(url: string, body: string, headers: Record<string, string>, label: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await response.json()) as { errors?: { message: string }[] };
  if (response.status !== 200 || answer.errors) throw new Error(`${label} does not answer cleanly: ${JSON.stringify(answer).slice(0, 500)}`);
}

async function statementCounts(subgraphUrls: Record<string, string>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const health = (await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as { sqlStatements: number };
      return [name, health.sqlStatements] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
