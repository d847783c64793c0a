import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR, type Identity } from '../../policies';
import { PROJECT_ROOT, readSubgraphSources, SUPERGRAPH_FILE } from '../../schema/composeSupergraph';
import { keysDir, loadOrCreateGatewayKeys, signGatewayToken } from '../../schema/gatewayToken';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../gateway/authenticate/jwtSecret';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { numberOption, parseOptions } from '../../gateway/cli/parseOptions';
import { freePort } from '../support/freePort';
import { BENCH_QUERIES } from './benchQueries';
import { benchGrants, benchMyAccess } from './grantsBench';

/** Reads the seed to pick variables: may read everything the queries touch. */
const SETUP_READER: Identity = { sub: 'bench-setup', roles: ['officer', 'caseworker', 'reviewer'], dept: 'population', clearance: 4 };

type Mode = 'policies on' | 'policies off';

/**
 * `npm run bench [-- --scale N --duration S --rounds R --connections C]`: starts the whole
 * stack as separate processes (as `npm start` does) over its own data directory, twice side
 * by side — policies enforced, and switched off (GOVGRAPH_POLICIES=off) — and drives every
 * benchmark query with autocannon through each gateway and straight at the owning subgraph,
 * in alternating rounds. Prints throughput, latency and SQL statements per request, and the
 * medians of the per-round gateway/direct and policies on/off ratios.
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { scale: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' } });
  const scale = numberOption(values.scale, 'scale', 10);
  const duration = numberOption(values.duration, 'duration', 5);
  const rounds = numberOption(values.rounds, 'rounds', 4);
  const connections = numberOption(values.connections, 'connections', 10);
  const dataDir = path.join(PROJECT_ROOT, '.data', `bench-scale-${scale}`);
  const secret = loadOrCreateJwtSecret(jwtSecretFile(dataDir));
  const keys = await loadOrCreateGatewayKeys(keysDir(dataDir));

  console.log(`govgraph bench — scale ${scale}, ${rounds} alternating rounds of ${duration} s per target, ${connections} connections`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  // Both stacks run side by side and the runs alternate (on, off, off, on, …): this
  // machine's speed drifts over minutes, so only ratios from neighbouring runs compare.
  const stacks = { 'policies on': await startBenchStack(dataDir, 'policies on'), 'policies off': await startBenchStack(dataDir, 'policies off') };
  const rows: string[][] = [];
  const grantRows: string[][] = [];
  const myAccessRows: string[][] = [];
  const summary: string[][] = [];
  try {
    for (const query of BENCH_QUERIES) {
      const setup = { authorization: `Bearer ${await signUserToken(secret, SETUP_READER, { ttl: '1h' })}` };
      const variables = await query.variables(stacks['policies on'].gatewayUrl, setup);
      const reader = { authorization: `Bearer ${await signUserToken(secret, query.reader, { ttl: '1h' })}`, 'x-purpose': query.purpose };
      const direct = {
        authorization: `Bearer ${await signGatewayToken(keys.privateKey, query.owner, { identity: query.reader, purpose: query.purpose, requestId: 'bench', caseId: null }, 3600)}`,
      };
      const rates: Record<string, number[]> = {};
      for (let round = 0; round < rounds; round++) {
        const order: Mode[] = round % 2 === 0 ? ['policies on', 'policies off'] : ['policies off', 'policies on'];
        for (const mode of order) {
          const stack = stacks[mode];
          for (const target of ['gateway', 'direct'] as const) {
            const url = target === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[query.owner];
            const document = target === 'gateway' ? query.gateway : query.direct;
            const result = await measure(stack, url, document, variables, target === 'gateway' ? reader : direct, `${query.name} ${target} (${mode})`, { duration, connections });
            (rates[`${mode}|${target}`] ??= []).push(result.rate);
            rows.push([query.name, mode, target, String(round + 1), ...result.cells]);
          }
        }
      }
      const ratio = (a: string, b: string): number[] => rates[a].map((rate, i) => rate / rates[b][i]);
      const onOff = median(ratio('policies on|gateway', 'policies off|gateway'));
      summary.push([query.name, 'gateway/direct, policies on', median(ratio('policies on|gateway', 'policies on|direct')).toFixed(2), '']);
      summary.push([query.name, 'gateway/direct, policies off', median(ratio('policies off|gateway', 'policies off|direct')).toFixed(2), '']);
      summary.push([query.name, 'policies on/off, gateway', onOff.toFixed(3), `policies cost ${((1 - onOff) * 100).toFixed(1)}% of throughput`]);
      summary.push([query.name, 'policies on/off, direct', median(ratio('policies on|direct', 'policies off|direct')).toFixed(3), '']);
    }
    // The grant check: the review query with no grants in force, then 1,000, alternating.
    const review = BENCH_QUERIES.find((q) => q.name === 'review')!;
    const on = stacks['policies on'];
    const readerHeaders = { authorization: `Bearer ${await signUserToken(secret, review.reader, { ttl: '1h' })}`, 'x-purpose': review.purpose };
    const setup = { authorization: `Bearer ${await signUserToken(secret, SETUP_READER, { ttl: '1h' })}` };
    const coordinates = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') })
      .catalog()
      .map((entry) => entry.coordinate);
    const grants = await benchGrants({
      dataDir,
      gatewayUrl: on.gatewayUrl,
      subgraphUrls: on.subgraphUrls,
      query: review,
      coordinates,
      typesRead: ['Query', 'Application', 'ServiceItem', 'ApplicationEvent', 'Person', 'License', 'Enterprise'],
      variables: await review.variables(on.gatewayUrl, setup),
      headers: readerHeaders,
      // More rounds than the rest: the difference sought is small and the machine drifts.
      rounds: Math.max(rounds * 2, 8),
      load: { duration, connections },
    });
    grantRows.push(...grants.rows);
    const withGrants = median(grants.ratio);
    summary.push(['review', '1,000 grants / no grants, gateway', withGrants.toFixed(3), `the grant check costs ${((1 - withGrants) * 100).toFixed(1)}% of throughput`]);
    myAccessRows.push(await benchMyAccess(on.gatewayUrl, readerHeaders, duration));
  } finally {
    await Promise.all(Object.values(stacks).map((stack) => stack.stop()));
  }
  printTable(['query', 'policies', 'target', 'round', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'SQL statements per request'], rows);
  printTable(['query', 'grants in force (policies on, gateway)', 'round', 'req/s', 'p50 ms', 'p99 ms'], grantRows);
  printTable(['query', 'answer', 'req/s (1 connection)', 'p50 ms', 'p99 ms', 'failed'], myAccessRows);
  printTable(['query', 'ratio (median of rounds)', 'value', ''], summary);
  return 0;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface BenchStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

async function startBenchStack(dataDir: string, mode: Mode): Promise<BenchStack> {
  const env: NodeJS.ProcessEnv = { ...process.env, GOVGRAPH_DATA_DIR: dataDir, GOVGRAPH_PORT: String(await freePort()), GOVGRAPH_LOG_LEVEL: 'error' };
  if (mode === 'policies off') env.GOVGRAPH_POLICIES = 'off';
  // One gateway per audit directory: each stack keeps its own ledger.
  env.GOVGRAPH_AUDIT_DIR = path.join(dataDir, mode === 'policies on' ? 'audit-on' : 'audit-off');
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
