import pino from 'pino';
import { followGrants, GrantSnapshotRefused, signGrantSnapshot, type GrantSnapshot, type GrantStore } from '../../policies/grants';
import { newSigningKey } from '../support/newSigningKey';

const { key: KEY } = newSigningKey();

async function signed(version: number): Promise<GrantSnapshot> {
  const snapshot = { version, grants: [] };
  return { ...snapshot, signature: await signGrantSnapshot(snapshot, KEY) };
}

/** A store whose reads fail while `down` is set and otherwise give `stored`; its follower's callbacks are the test's to call. */
function fakeStore(stored: GrantSnapshot) {
  const state = { down: true, stored };
  let reportError: ((error: Error) => void) | undefined;
  let announce: ((snapshot: GrantSnapshot) => void) | undefined;
  const store: GrantStore = {
    description: 'test store',
    publish: async () => state.stored,
    read: async () => {
      if (state.down) throw new Error('connection refused');
      return state.stored;
    },
    follow(_publicKey, onChange, onError) {
      announce = onChange;
      reportError = onError;
      return () => undefined;
    },
    close: async () => undefined,
  };
  return { store, state, fail: (error: Error) => reportError?.(error), announce: (snapshot: GrantSnapshot) => announce?.(snapshot) };
}

/** A logger whose lines the test reads. */
function capturingLog() {
  const lines: { level: number; msg: string }[] = [];
  return { lines, log: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }) };
}

const silent = pino({ level: 'silent' });
const ERROR = 50;

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('following the published grants', () => {
  test('a newer snapshot → indexed and put in force, its version in /health', async () => {
    const { store, announce } = fakeStore(await signed(3));
    const applied: number[] = [];
    const follow = followGrants(store, KEY, (index) => applied.push(index.version), silent);
    announce(await signed(3));
    expect(applied).toEqual([3]);
    expect(follow.health()).toEqual({ grantsVersion: 3 });
    follow.stop();
  });

  test('the store failing → /health reports the error; readable again → the error clears', async () => {
    const { store, state, fail } = fakeStore(await signed(1));
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    fail(new Error('connection refused'));
    expect(follow.health()).toEqual({ grantsVersion: 0, grantsError: 'connection refused' });
    state.down = false;
    await until(() => !follow.health().grantsError);
    expect(follow.health()).toEqual({ grantsVersion: 0 });
    follow.stop();
  });

  test('a refused snapshot, read again and again → /health says why, one error log line, the grants in force stay', async () => {
    const { store, announce, fail } = fakeStore(await signed(2));
    const { lines, log } = capturingLog();
    const applied: number[] = [];
    const follow = followGrants(store, KEY, (index) => applied.push(index.version), log, 60_000);
    announce(await signed(2));
    const refusal = new GrantSnapshotRefused('The grants of published version 3 were not put in force: the snapshot is not signed by the catalog');
    for (let read = 0; read < 3; read++) fail(refusal);
    expect({ applied, health: follow.health(), errorLines: lines.filter((line) => line.level === ERROR).map((line) => line.msg) }).toEqual({
      applied: [2],
      health: { grantsVersion: 2, grantsError: refusal.message },
      errorLines: ['published access grants refused; the grants in force stay'],
    });
    follow.stop();
  });

  test.each([
    ['an unsigned one', async () => ({ version: 3, grants: [] })],
    ['an older signed one (a replay)', () => signed(1)],
  ])('%s still in the store → /health keeps reporting the refusal', async (_name, inStore) => {
    const { store, state, announce, fail } = fakeStore(await signed(2));
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    announce(await signed(2));
    state.down = false;
    state.stored = await inStore();
    fail(new GrantSnapshotRefused('refused'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(follow.health()).toEqual({ grantsVersion: 2, grantsError: 'refused' });
    follow.stop();
  });

  test('the store holds the signed snapshot in force again → the refusal clears from /health', async () => {
    const { store, state, announce, fail } = fakeStore(await signed(2));
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    announce(await signed(2));
    state.down = false;
    fail(new GrantSnapshotRefused('not signed'));
    await until(() => !follow.health().grantsError);
    expect(follow.health()).toEqual({ grantsVersion: 2 });
    follow.stop();
  });
});
