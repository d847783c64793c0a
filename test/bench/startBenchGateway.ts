import { fork } from 'node:child_process';
import path from 'node:path';

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
