import { fork } from 'node:child_process';
import path from 'node:path';
import { loadRun, type Load, type LoadResult } from './loadRun';
import { processCpuSeconds } from './processCpuSeconds';

export interface BenchGateway {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Forks `benchGatewayMain.ts`: a gateway on a free port with the environment `env` (and
 * nothing else of this process's), over the departments at `subgraphUrls`, with Node's flags
 * `execArgv` besides tsx's (`--cpu-prof`: Node does not take it from NODE_OPTIONS); resolves once it listens.
 */
export async function startBenchGateway(env: NodeJS.ProcessEnv, subgraphUrls: Record<string, string>, label: string, execArgv: string[] = []): Promise<BenchGateway> {
  const departments = Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`GOVGRAPH_${name.toUpperCase()}_URL`, url]));
  const child = fork(path.join(__dirname, 'benchGatewayMain.ts'), [], {
    env: { ...env, GOVGRAPH_PORT: '0', GOVGRAPH_LOG_LEVEL: 'error', ...departments },
    execArgv: ['--require', 'tsx/cjs', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (message: { type?: string; url?: string; message?: string }) => {
      if (message.type === 'ready' && message.url) resolve(message.url);
      if (message.type === 'failed') reject(new Error(`the ${label} gateway did not start: ${message.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the ${label} gateway exited with code ${code}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A load run against one bench gateway, with the gateway process's CPU time per request (null without /proc). */
export type GatewayRun = LoadResult & { cpuMicros: number | null };

/** Runs `load` against `gateway` and measures its process's CPU per request (plus the one request `loadRun` sends first to learn the answer). */
export async function measureGateway(gateway: BenchGateway, body: string, headers: Record<string, string>, load: Load, label: string): Promise<GatewayRun> {
  const before = processCpuSeconds(gateway.pid);
  const result = await loadRun(gateway.url, body, headers, load, label);
  const after = processCpuSeconds(gateway.pid);
  const cpuMicros = before === null || after === null ? null : ((after - before) * 1e6) / (result.requests + 1);
  return { ...result, cpuMicros };
}

/** A run's cells in a table: req/s, p50 ms, p99 ms, gateway CPU µs per request. */
export function gatewayRunCells(run: GatewayRun): string[] {
  return [run.rate.toFixed(0), String(run.p50), String(run.p99), run.cpuMicros === null ? '' : run.cpuMicros.toFixed(0)];
}
