import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import type { DepartmentProcess } from '../../cli/spawnDepartment';
import { superviseDepartment, type SupervisedDepartment } from '../../cli/superviseDepartment';

/** A department process the test starts, crashes and stops by hand. */
class FakeChild extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.exit(null, signal);
    return true;
  }
  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit('exit', code, signal);
  }
}

let spawned: { child: FakeChild; ready: (url: string) => void; fail: () => void }[];
let said: string[];
let department: SupervisedDepartment;

function fakeSpawn(name: string): DepartmentProcess {
  const child = new FakeChild();
  let ready!: (url: string) => void;
  let fail!: () => void;
  const promise = new Promise<string>((resolve, reject) => {
    ready = resolve;
    fail = () => reject(new Error(`${name} exited with code 1`));
  });
  spawned.push({ child, ready, fail });
  return { name, child: child as unknown as ChildProcess, ready: promise };
}

/** Lets the promise callbacks of a `ready` run. */
const settle = () => Promise.resolve().then(() => undefined);

async function startAndRun(): Promise<void> {
  department = superviseDepartment('market', {}, { spawn: fakeSpawn, say: (line) => said.push(line) });
  spawned[0].ready('http://127.0.0.1:4002/graphql');
  await department.ready;
  await settle();
}

/** The latest process crashes; then the supervisor's wait runs out and the next one starts and answers. */
async function crashAndRestart(afterMs: number): Promise<void> {
  spawned[spawned.length - 1].child.exit(null, 'SIGKILL');
  jest.advanceTimersByTime(afterMs);
  spawned[spawned.length - 1].ready('http://127.0.0.1:4002/graphql');
  await settle();
}

beforeEach(() => {
  jest.useFakeTimers();
  spawned = [];
  said = [];
});

afterEach(() => {
  department?.kill();
  jest.useRealTimers();
});

describe('superviseDepartment', () => {
  it('a started department → running, no restarts', async () => {
    await startAndRun();
    expect(department.status()).toEqual({ state: 'running', restarts: 0, lastExit: null });
  });

  it('a department killed → restarting, not started again before 0.5 s', async () => {
    await startAndRun();
    spawned[0].child.exit(null, 'SIGKILL');
    jest.advanceTimersByTime(499);
    expect({ state: department.status().state, processes: spawned.length }).toEqual({ state: 'restarting', processes: 1 });
  });

  it('a department killed → started again after 0.5 s, running, one restart, its exit noted', async () => {
    await startAndRun();
    await crashAndRestart(500);
    expect(department.status()).toEqual({ state: 'running', restarts: 1, lastExit: { code: null, signal: 'SIGKILL', at: expect.any(String) } });
  });

  it('the exit and the restart → told in the log', async () => {
    await startAndRun();
    await crashAndRestart(500);
    expect(said).toEqual(['market exited (SIGKILL); restarting in 0.5 s', 'market restarted (restart 1) at http://127.0.0.1:4002/graphql']);
  });

  it('exits in a row → the wait doubles up to 30 s', async () => {
    await startAndRun();
    for (const wait of [500, 1000, 2000, 4000, 8000, 16000, 30000]) await crashAndRestart(wait);
    spawned[spawned.length - 1].child.exit(1);
    expect(said.at(-1)).toBe('market exited (code 1); restarting in 30 s');
  });

  it('a minute up before the exit → the wait starts over at 0.5 s', async () => {
    await startAndRun();
    for (const wait of [500, 1000, 2000]) await crashAndRestart(wait);
    jest.advanceTimersByTime(60_000);
    spawned[spawned.length - 1].child.exit(1);
    expect(said.at(-1)).toBe('market exited (code 1); restarting in 0.5 s');
  });

  it('stopped while waiting to restart → not started again', async () => {
    await startAndRun();
    spawned[0].child.exit(1);
    void department.stop();
    jest.advanceTimersByTime(60_000);
    expect({ state: department.status().state, processes: spawned.length }).toEqual({ state: 'stopped', processes: 1 });
  });

  it('stopped → its process is sent SIGTERM and not started again', async () => {
    await startAndRun();
    await department.stop();
    jest.advanceTimersByTime(60_000);
    expect({ signal: spawned[0].child.signalCode, processes: spawned.length, state: department.status().state }).toEqual({ signal: 'SIGTERM', processes: 1, state: 'stopped' });
  });

  it('an exit with code 0 (told to stop) → not restarted', async () => {
    await startAndRun();
    spawned[0].child.exit(0);
    jest.advanceTimersByTime(60_000);
    expect({ state: department.status().state, processes: spawned.length }).toEqual({ state: 'stopped', processes: 1 });
  });

  it('a first start that fails → not restarted (govgraph start reports it)', async () => {
    department = superviseDepartment('market', {}, { spawn: fakeSpawn, say: (line) => said.push(line) });
    spawned[0].fail();
    spawned[0].child.exit(1);
    await expect(department.ready).rejects.toThrow('market exited with code 1');
    jest.advanceTimersByTime(60_000);
    expect(spawned).toHaveLength(1);
  });
});
