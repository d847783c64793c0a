import pino from 'pino';
import { followGrants } from '../../policies/grants/followGrants';
import type { GrantSnapshot, GrantStore } from '../../policies/grants/types';

/** A store whose reads fail while `down` is set; follow() reports one failure at once. */
function flakyStore() {
  const state = { down: true };
  let reportError: ((error: Error) => void) | undefined;
  let announce: ((snapshot: GrantSnapshot) => void) | undefined;
  const store: GrantStore = {
    description: 'test store',
    publish: async () => ({ version: 1, grants: [] }),
    read: async () => {
      if (state.down) throw new Error('connection refused');
      return { version: 1, grants: [] };
    },
    follow(onChange, onError) {
      announce = onChange;
      reportError = onError;
      return () => undefined;
    },
    close: async () => undefined,
  };
  return { store, state, fail: (message: string) => reportError?.(new Error(message)), announce: (snapshot: GrantSnapshot) => announce?.(snapshot) };
}

const silent = pino({ level: 'silent' });

describe('following the published grants', () => {
  test('a newer snapshot → indexed and put in force, its version in /health', () => {
    const { store, announce } = flakyStore();
    const applied: number[] = [];
    const follow = followGrants(store, (index) => applied.push(index.version), silent);
    announce({ version: 3, grants: [] });
    expect(applied).toEqual([3]);
    expect(follow.health()).toEqual({ grantsVersion: 3 });
    follow.stop();
  });

  test('the store failing → /health reports the error; readable again → the error clears', async () => {
    const { store, state, fail } = flakyStore();
    const follow = followGrants(store, () => undefined, silent, 10);
    fail('connection refused');
    expect(follow.health()).toEqual({ grantsVersion: 0, grantsError: 'connection refused' });
    state.down = false;
    const deadline = Date.now() + 2000;
    while (follow.health().grantsError && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(follow.health()).toEqual({ grantsVersion: 0 });
    follow.stop();
  });
});
