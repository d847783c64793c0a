import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../schema/composition/composeSupergraph';

export interface DepartmentProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the URL the department listens on (or after `seed`, with ''). */
  ready: Promise<string>;
}

/**
 * Runs a department in its own process from its `server.ts` entry. The CLI starts
 * departments by path, as an operator would; it never imports their code.
 */
export function spawnDepartment(name: string, args: string[], env: NodeJS.ProcessEnv): DepartmentProcess {
  const entry = path.join(PROJECT_ROOT, 'subgraphs', name, 'server.ts');
  const child = fork(entry, args, {
    env: { ...process.env, ...env },
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (message: { type?: string; url?: string; message?: string }) => {
      if (message.type === 'ready') resolve(message.url ?? '');
      if (message.type === 'failed') reject(new Error(message.message));
    });
    child.once('exit', (code) => {
      if (code === 0) resolve('');
      else reject(new Error(`${name} exited with code ${code}`));
    });
  });
  return { name, child, ready };
}
