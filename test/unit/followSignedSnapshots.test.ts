import { followSignedSnapshots, type SnapshotFollow, type SnapshotSource, type SnapshotSourceEvents, type SnapshotVerdict } from '../../policies/follow';

/** What the test source holds: `{version, signed}` as JSON; a check accepts only what is "signed". */
interface Stored {
  version: number;
  signed: boolean;
}

/** A source whose reads give `stored` (null: nothing published) or fail while `down`; `events` are the follower's. */
function testSource(stored: Stored | null) {
  const state = { stored, down: null as string | null, connected: true, reads: 0 };
  let events: SnapshotSourceEvents | undefined;
  let release: (() => void) | undefined;
  const source: SnapshotSource = {
    description: 'test source',
    async read() {
      state.reads++;
      if (release) await new Promise<void>((resolve) => (release = resolve));
      if (state.down) throw new Error(state.down);
      return state.stored && JSON.stringify(state.stored);
    },
    watch(listener) {
      events = listener;
      return { connected: () => state.connected, stop: () => undefined };
    },
  };
  return {
    source,
    state,
    changed: () => events?.changed(),
    failed: (why: string) => events?.failed(why),
    /** Holds every read until `resume` is called. */
    hold: () => void (release = () => undefined),
    resume: () => {
      const held = release;
      release = undefined;
      held?.();
    },
  };
}

/** A check accepting the signed and refusing the unsigned (and, as the follower requires, any version older than the one in force). */
async function signedOnly(text: string | null, inForce: number | null): Promise<SnapshotVerdict<Stored>> {
  if (text === null) return { kind: 'empty' };
  const stored = JSON.parse(text) as Stored;
  if (!stored.signed) return { kind: 'refused', problem: `version ${stored.version} is not signed`, version: stored.version };
  if (inForce !== null && stored.version < inForce) return { kind: 'refused', problem: `version ${stored.version} is older than ${inForce}`, version: stored.version };
  return { kind: 'accepted', snapshot: stored, version: stored.version };
}

/** A follower of `source` with `check`, and what it was told. */
function follower(source: SnapshotSource, check = signedOnly) {
  const told = { accepted: [] as number[], refused: [] as string[], unreachable: [] as string[], reachable: 0, checks: 0 };
  const follow = followSignedSnapshots<Stored>({
    source,
    check: (text, inForce) => {
      told.checks++;
      return check(text, inForce);
    },
    accept: (_snapshot, version) => told.accepted.push(version),
    refused: (problem) => told.refused.push(problem),
    unreachable: (why) => told.unreachable.push(why),
    reachable: () => told.reachable++,
    retryMs: 20,
  });
  follows.push(follow);
  return { follow, told };
}

const follows: SnapshotFollow[] = [];
afterEach(async () => {
  await Promise.all(follows.splice(0).map((follow) => follow.stop()));
});

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('following a signed snapshot', () => {
  it('a signed snapshot → accepted, its version in force', async () => {
    const { source, changed } = testSource({ version: 4, signed: true });
    const { follow, told } = follower(source);
    changed();
    await follow.sync();
    expect({ accepted: told.accepted, version: follow.version(), refusal: follow.refusal() }).toEqual({ accepted: [4], version: 4, refusal: null });
  });

  it('the same text read again → checked once, accepted once', async () => {
    const { source, changed } = testSource({ version: 4, signed: true });
    const { follow, told } = follower(source);
    changed();
    await follow.sync();
    changed();
    await follow.sync();
    expect({ accepted: told.accepted, checks: told.checks }).toEqual({ accepted: [4], checks: 1 });
  });

  it('a refused snapshot → the one in force stays; refused told once; refusal() says why', async () => {
    const { source, state, changed } = testSource({ version: 1, signed: true });
    const { follow, told } = follower(source);
    await follow.sync();
    state.stored = { version: 2, signed: false };
    changed();
    await follow.sync();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect({ accepted: told.accepted, refused: told.refused, version: follow.version(), refusal: follow.refusal() }).toEqual({
      accepted: [1],
      refused: ['version 2 is not signed'],
      version: 1,
      refusal: 'version 2 is not signed',
    });
  });

  it('a refused snapshot replaced by the one in force, unannounced → read again by itself, the refusal cleared', async () => {
    const { source, state, changed } = testSource({ version: 1, signed: true });
    const { follow } = follower(source);
    await follow.sync();
    state.stored = { version: 2, signed: false };
    changed();
    await until(() => follow.refusal() !== null);
    state.stored = { version: 1, signed: true };
    await until(() => follow.refusal() === null);
    expect(follow.version()).toBe(1);
  });

  it('a check that accepts a version older than the one in force → refused all the same', async () => {
    const { source, state, changed } = testSource({ version: 3, signed: true });
    const acceptsAnything = async (text: string | null): Promise<SnapshotVerdict<Stored>> => {
      const stored = JSON.parse(text!) as Stored;
      return { kind: 'accepted', snapshot: stored, version: stored.version };
    };
    const { follow, told } = follower(source, acceptsAnything);
    await follow.sync();
    state.stored = { version: 2, signed: true };
    changed();
    await follow.sync();
    expect({ accepted: told.accepted, version: follow.version(), refusal: follow.refusal() }).toEqual({
      accepted: [3],
      version: 3,
      refusal: 'Version 2 was not put in force: version 3 is in force and an older version is never put back (a replay)',
    });
  });

  it('a check that throws → refused with its message', async () => {
    const { source } = testSource({ version: 1, signed: true });
    const { follow, told } = follower(source, async () => {
      throw new Error('cannot parse');
    });
    await follow.sync();
    expect({ accepted: told.accepted, refusal: follow.refusal() }).toEqual({ accepted: [], refusal: 'cannot parse' });
  });

  it('nothing published → nothing in force and nothing refused', async () => {
    const { source } = testSource(null);
    const { follow, told } = follower(source);
    await follow.sync();
    expect({ accepted: told.accepted, version: follow.version(), refusal: follow.refusal(), connected: follow.connected() }).toEqual({
      accepted: [],
      version: null,
      refusal: null,
      connected: true,
    });
  });

  it('the source failing again and again → unreachable told once; answering again → reachable, the problem cleared', async () => {
    const { source, state, failed } = testSource({ version: 1, signed: true });
    const { follow, told } = follower(source);
    state.down = 'connect ECONNREFUSED';
    await follow.sync();
    failed('connection closed');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect({ unreachable: told.unreachable, problem: follow.problem(), connected: follow.connected() }).toEqual({
      unreachable: ['connect ECONNREFUSED'],
      problem: 'connection closed',
      connected: false,
    });
    state.down = null;
    await until(() => follow.problem() === null);
    expect({ reachable: told.reachable, accepted: told.accepted, connected: follow.connected() }).toEqual({ reachable: 1, accepted: [1], connected: true });
  });

  it('a read while the watch is not connected → the source still counts as unreachable', async () => {
    const { source, state, failed } = testSource({ version: 1, signed: true });
    const { follow, told } = follower(source);
    state.connected = false;
    failed('subscriber connection closed');
    await follow.sync();
    expect({ accepted: told.accepted, problem: follow.problem(), connected: follow.connected() }).toEqual({
      accepted: [1],
      problem: 'subscriber connection closed',
      connected: false,
    });
  });

  it('firstRead → settles once a read was made while connected', async () => {
    const { source, changed } = testSource({ version: 1, signed: true });
    const { follow } = follower(source);
    let settled = false;
    void follow.firstRead.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    changed();
    await until(() => settled);
    expect(follow.version()).toBe(1);
  });

  it('firstRead → settles when the source proves unreachable', async () => {
    const { source, failed } = testSource({ version: 1, signed: true });
    const { follow } = follower(source);
    failed('connect ECONNREFUSED');
    await follow.firstRead;
    expect(follow.problem()).toBe('connect ECONNREFUSED');
  });

  it('changes announced during a read → exactly one more read after it', async () => {
    const { source, state, changed, hold, resume } = testSource({ version: 1, signed: true });
    const { follow } = follower(source);
    hold();
    changed();
    await until(() => state.reads === 1);
    changed();
    changed();
    changed();
    resume();
    await follow.sync();
    expect(state.reads).toBe(2);
  });

  it('stopped → a change announced after it is not read', async () => {
    const { source, state, changed } = testSource({ version: 1, signed: true });
    const { follow } = follower(source);
    await follow.stop();
    changed();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(state.reads).toBe(0);
  });
});
