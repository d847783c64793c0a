import { spawn } from 'node:child_process';

export interface ListeningProcess<T> {
  /** What `ready` read from the process's output once it listened (its URL, its URLs). */
  ready: T;
  pid: number;
  /** SIGTERM, then SIGKILL if it has not exited 10 s later; resolves once it has. */
  stop(): Promise<void>;
}

/** How much of a process's output is kept to explain a failure. */
const KEPT_OUTPUT = 20_000;

/**
 * Spawns Node on `args` with the environment `env` (and nothing else of this process's), in a
 * process of its own, and resolves once `ready` finds what it waits for in its output (stdout
 * and stderr together); rejects, with that output, when it exits first or `timeoutMs` passes.
 */
export function startListening<T>(label: string, args: string[], env: NodeJS.ProcessEnv, ready: (output: string) => T | null, timeoutMs = 120_000): Promise<ListeningProcess<T>> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (why: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`the ${label} ${why}:\n${output.trim() || '(no output)'}`)));
    };
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const read = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
      if (done) return;
      const found = ready(output);
      if (found === null) return;
      done = true;
      clearTimeout(timer);
      resolve({ ready: found, pid: child.pid!, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it listened`));
    child.once('error', (error) => fail(`could not be started: ${error.message}`));
  });
}
