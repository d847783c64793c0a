import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { PROJECT_ROOT, readSubgraphSources } from '../../schema/composeSupergraph';
import { numberOption, parseOptions } from '../../gateway/cli/parseOptions';
import { freePort } from '../support/freePort';
import { BENCH_QUERIES, type BenchQuery } from './benchQueries';

/**
 * `npm run bench [-- --scale N --duration S --connections C]`: starts the whole stack as
 * separate processes (as `npm start` does) over its own data directory, then drives each
 * benchmark query with autocannon through the gateway and straight at the owning
 * subgraph, in one run, and prints throughput, latency and SQL statements per request.
 * Ratios within one run are the figures to compare; absolute numbers depend on the machine.
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { scale: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' } });
  const scale = numberOption(values.scale, 'scale', 10);
  const duration = numberOption(values.duration, 'duration', 10);
  const connections = numberOption(values.connections, 'connections', 10);
  const dataDir = path.join(PROJECT_ROOT, '.data', `bench-scale-${scale}`);

  const sources = readSubgraphSources();
  const env: NodeJS.ProcessEnv = { ...process.env, GOVGRAPH_DATA_DIR: dataDir, GOVGRAPH_PORT: String(await freePort()), GOVGRAPH_LOG_LEVEL: 'warn' };
  const subgraphUrls: Record<string, string> = {};
  for (const source of sources) {
    const port = await freePort();
    env[`${source.name.toUpperCase()}_PORT`] = String(port);
    subgraphUrls[source.name] = `http://127.0.0.1:${port}/graphql`;
  }
  const gatewayUrl = `http://127.0.0.1:${env.GOVGRAPH_PORT}/graphql`;

  console.log(`govgraph bench — scale ${scale}, ${duration} s per run, ${connections} connections`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  console.log(`starting the stack (first run at this scale seeds ${dataDir})…`);
  const stack = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'start', '--scale', String(scale)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await waitForOutput(stack, /gateway\s+http/, 600_000);
    const rows: string[][] = [];
    for (const query of BENCH_QUERIES) {
      const variables = await query.variables(gatewayUrl);
      for (const target of ['gateway', 'direct'] as const) {
        const url = target === 'gateway' ? gatewayUrl : subgraphUrls[query.owner];
        const document = target === 'gateway' ? query.gateway : query.direct;
        await assertAnswers(url, document, variables, `${query.name} (${target})`);
        const before = await statementCounts(subgraphUrls);
        const result = await autocannon({
          url,
          method: 'POST',
          connections,
          duration,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: document, variables }),
        });
        const after = await statementCounts(subgraphUrls);
        const requests = result.requests.total || 1;
        const statements = Object.keys(after)
          .map((name) => `${name} ${((after[name] - before[name]) / requests).toFixed(1)}`)
          .filter((cell) => !cell.endsWith(' 0.0'))
          .join(', ');
        rows.push([query.name, target, result.requests.average.toFixed(0), String(result.latency.p50), String(result.latency.p99), String(result.non2xx + result.errors), statements]);
      }
      const [gateway, direct] = rows.slice(-2);
      rows.push([query.name, 'gateway/direct', (Number(gateway[2]) / Number(direct[2])).toFixed(2), '', '', '', '']);
    }
    printTable(['query', 'target', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'SQL statements per request'], rows);
    return 0;
  } finally {
    stack.kill('SIGINT');
    await new Promise((resolve) => stack.once('exit', resolve));
  }
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

async function assertAnswers(url: string, query: string, variables: Record<string, unknown>, label: string): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (response.status !== 200 || body.errors) throw new Error(`${label} does not answer cleanly: ${JSON.stringify(body).slice(0, 500)}`);
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

export type { BenchQuery };
