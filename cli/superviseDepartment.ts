import type { DepartmentSupervision } from '../gateway/server/departmentsReport';
import { spawnDepartment, type DepartmentProcess } from './spawnDepartment';

export interface RestartBackoff {
  /** The wait before the first restart; it doubles with each restart in a row. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A department that ran this long before it exited starts over at `initialDelayMs`. */
  resetAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoff = { initialDelayMs: 500, maxDelayMs: 30_000, resetAfterMs: 60_000 };

export interface SupervisedDepartment {
  name: string;
  /** Its first start: the URL it listens on. A department that never started is not restarted. */
  ready: Promise<string>;
  status(): DepartmentSupervision;
  /** Stops it for good (no restart) and resolves once it has exited. */
  stop(): Promise<void>;
  /** The same, at once, for a process that is exiting. */
  kill(): void;
}

export interface SuperviseOptions {
  backoff?: RestartBackoff;
  /** Where exits and restarts are told; the console's error stream by default. */
  say?: (line: string) => void;
  spawn?: typeof spawnDepartment;
}

/**
 * Runs a department in its own process (`spawnDepartment`) and, once it has started, starts
 * it again each time it fails (a non-zero exit code or a signal: a crash, an unhandled
 * rejection, out of memory, killed), after a backoff: 0.5 s doubling to 30 s, from 0.5 s
 * again after a minute up. Stopping it ends the supervision first, so a stop is never taken
 * for a crash.
 */
export function superviseDepartment(name: string, env: NodeJS.ProcessEnv, options: SuperviseOptions = {}): SupervisedDepartment {
  const backoff = options.backoff ?? DEFAULT_RESTART_BACKOFF;
  const say = options.say ?? ((line: string) => console.error(line));
  const spawn = options.spawn ?? spawnDepartment;
  const status: DepartmentSupervision = { state: 'starting', restarts: 0, lastExit: null };
  let inARow = 0;
  let stopping = false;
  let started = false;
  let pending: NodeJS.Timeout | undefined;
  let current: DepartmentProcess;

  const run = (): DepartmentProcess => {
    const proc = spawn(name, [], env);
    const since = Date.now();
    current = proc;
    proc.ready.then(
      (url) => {
        if (proc !== current || stopping) return;
        started = true;
        status.state = 'running';
        if (status.restarts > 0) say(`${name} restarted (restart ${status.restarts}) at ${url}`);
      },
      // Told by the exit below (a restart) or by `govgraph start` (the first start).
      () => undefined,
    );
    proc.child.once('exit', (code, signal) => {
      status.lastExit = { code, signal, at: new Date().toISOString() };
      if (stopping) return;
      if (!started || code === 0) {
        // Exit 0 is a department that was told to stop (Ctrl-C reaches the whole process group, or an operator's SIGTERM).
        if (started) say(`${name} stopped (exit 0); not restarted`);
        status.state = 'stopped';
        return;
      }
      if (Date.now() - since >= backoff.resetAfterMs) inARow = 0;
      const delayMs = Math.min(backoff.initialDelayMs * 2 ** inARow, backoff.maxDelayMs);
      inARow++;
      status.state = 'restarting';
      say(`${name} exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s`);
      pending = setTimeout(() => {
        pending = undefined;
        status.restarts++;
        run();
      }, delayMs);
    });
    return proc;
  };

  const first = run();
  const kill = (): void => {
    stopping = true;
    status.state = 'stopped';
    clearTimeout(pending);
    if (current.child.exitCode === null && current.child.signalCode === null) current.child.kill('SIGTERM');
  };
  return {
    name,
    ready: first.ready,
    status: () => ({ ...status, lastExit: status.lastExit && { ...status.lastExit } }),
    kill,
    stop() {
      const exited =
        current.child.exitCode !== null || current.child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => current.child.once('exit', () => resolve()));
      kill();
      return exited;
    },
  };
}
