import pino from 'pino';
import type { SnapshotSource, SnapshotSourceEvents } from '../../policies/follow';
import { followGrants } from '../../policies/grants/followGrants';
import { signGrantSnapshot } from '../../policies/grants/signGrantSnapshot';
import type { GrantSnapshot } from '../../policies/grants/types';
import { newSigningKey } from '../support/newSigningKey';

const { key: KEY } = newSigningKey();

async function signed(version: number): Promise<GrantSnapshot> {
  const snapshot = { version, grants: [] };
  return { ...snapshot, signature: await signGrantSnapshot(snapshot, KEY) };
}

/** A store whose reads fail while `down` is set and otherwise give `stored`; `announce` is its notification. */
function fakeStore(stored: GrantSnapshot, down = false) {
  const state = { down, stored };
  let events: SnapshotSourceEvents | undefined;
  const source: SnapshotSource = {
    description: 'test store',
    read: async () => {
      if (state.down) throw new Error('connection refused');
      return JSON.stringify(state.stored);
    },
    watch(listener) {
      events = listener;
      listener.changed();
      return { connected: () => true, stop: () => undefined };
    },
  };
  return {
    store: { description: 'test store', source },
    state,
    /** Replaces what the store holds and tells its followers, as a publication does. */
    announce: (snapshot: GrantSnapshot) => {
      state.stored = snapshot;
      events?.changed();
    },
  };
}

/** A logger whose lines the test reads. */
function capturingLog() {
  const lines: { level: number; msg: string }[] = [];
  return { lines, log: pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }) };
}

const silent = pino({ level: 'silent' });
const ERROR = 50;
const NOT_SIGNED = /^The grants of published version 3 were not put in force: the snapshot is not signed by the catalog's key/;

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('following the published grants', () => {
  test('a newer snapshot → indexed and put in force, its version in /health', async () => {
    const { store, announce } = fakeStore(await signed(2));
    const applied: number[] = [];
    const follow = followGrants(store, KEY, (index) => applied.push(index.version), silent);
    await until(() => applied.length === 1);
    announce(await signed(3));
    await until(() => applied.length === 2);
    expect({ applied, health: follow.health() }).toEqual({ applied: [2, 3], health: { grantsVersion: 3 } });
    follow.stop();
  });

  test('the store failing → /health reports the error; readable again → the error clears', async () => {
    const { store, state } = fakeStore(await signed(1), true);
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    await until(() => follow.health().grantsError !== undefined);
    expect(follow.health()).toEqual({ grantsVersion: 0, grantsError: 'connection refused' });
    state.down = false;
    await until(() => !follow.health().grantsError);
    expect(follow.health()).toEqual({ grantsVersion: 1 });
    follow.stop();
  });

  test('a refused snapshot, read again and again → /health says why, one error log line, the grants in force stay', async () => {
    const { store, announce } = fakeStore(await signed(2));
    const { lines, log } = capturingLog();
    const applied: number[] = [];
    const follow = followGrants(store, KEY, (index) => applied.push(index.version), log, 60_000);
    await until(() => applied.length === 1);
    for (let read = 0; read < 3; read++) announce({ version: 3, grants: [] });
    await until(() => follow.health().grantsError !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect({ applied, health: follow.health(), errorLines: lines.filter((line) => line.level === ERROR).map((line) => line.msg) }).toEqual({
      applied: [2],
      health: { grantsVersion: 2, grantsError: expect.stringMatching(NOT_SIGNED) },
      errorLines: ['published access grants refused; the grants in force stay'],
    });
    follow.stop();
  });

  test.each([
    ['an unsigned one', async () => ({ version: 3, grants: [] }), NOT_SIGNED],
    ['an older signed one (a replay)', () => signed(1), /^The grants of published version 1 were not put in force: version 2 is in force/],
  ])('%s still in the store → /health keeps reporting the refusal', async (_name, inStore, problem) => {
    const { store, announce } = fakeStore(await signed(2));
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    await until(() => follow.health().grantsVersion === 2);
    announce(await inStore());
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(follow.health()).toEqual({ grantsVersion: 2, grantsError: expect.stringMatching(problem) });
    follow.stop();
  });

  test('the store holds the signed snapshot in force again, unannounced → the refusal clears from /health', async () => {
    const inForce = await signed(2);
    const { store, state, announce } = fakeStore(inForce);
    const follow = followGrants(store, KEY, () => undefined, silent, 10);
    await until(() => follow.health().grantsVersion === 2);
    announce({ version: 3, grants: [] });
    await until(() => follow.health().grantsError !== undefined);
    state.stored = inForce;
    await until(() => !follow.health().grantsError);
    expect(follow.health()).toEqual({ grantsVersion: 2 });
    follow.stop();
  });
});
