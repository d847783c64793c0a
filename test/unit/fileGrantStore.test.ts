import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileGrantStore } from '../../policies/grants/FileGrantStore';
import type { AccessGrant, GrantSnapshot } from '../../policies/grants/types';

const GRANT: AccessGrant = {
  id: 'G-000001',
  applicationId: 'AA-000001',
  grantee: 'market',
  provider: 'population',
  coordinates: ['Person.householdAddress'],
  purpose: 'application-review',
  until: '2027-05-31T15:59:59.999Z',
  caseBound: true,
  approvedBy: 'officer-0001',
  approvedAt: '2026-11-27T08:00:00.000Z',
};

/** Polls until `check` passes or 2 s (the publish-to-effect bound) have passed, with room for a loaded machine. */
async function within(ms: number, check: () => void): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('FileGrantStore', () => {
  let dir: string;
  let file: string;
  const stores: FileGrantStore[] = [];
  const storeAt = (target = file, pollMs?: number) => {
    const store = new FileGrantStore(target, { pollMs });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-grants-'));
    file = path.join(dir, 'grants.json');
  });

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('nothing published yet → version 0 and no grants', async () => {
    expect(await storeAt().read()).toEqual({ version: 0, grants: [] });
  });

  it('publish → read gives the grants under version 1', async () => {
    const store = storeAt();
    expect(await store.publish([GRANT])).toEqual({ version: 1, grants: [GRANT] });
    expect(await store.read()).toEqual({ version: 1, grants: [GRANT] });
  });

  it('each publish → the next version, also across store instances', async () => {
    await storeAt().publish([GRANT]);
    await storeAt().publish([]);
    expect((await storeAt().publish([GRANT])).version).toBe(3);
  });

  it('publish → no temporary file is left beside the grants file', async () => {
    await storeAt().publish([GRANT]);
    expect(fs.readdirSync(dir)).toEqual(['grants.json']);
  });

  it('a file that is not a snapshot → read fails naming the file', async () => {
    fs.writeFileSync(file, '{"version": 1, "grants": [{"id": "G-1"}]}');
    await expect(storeAt().read()).rejects.toThrow(/grants\.json: the published grants are malformed at grants\.0/);
  });

  it('extra fields on a published grant → kept when read', async () => {
    await storeAt().publish([{ ...GRANT, note: 'added later' } as AccessGrant]);
    expect(((await storeAt().read()).grants[0] as AccessGrant & { note: string }).note).toBe('added later');
  });

  it('follow → the current snapshot once at start', async () => {
    await storeAt().publish([GRANT]);
    const seen: GrantSnapshot[] = [];
    storeAt().follow((snapshot) => seen.push(snapshot));
    await within(2000, () => expect(seen).toEqual([{ version: 1, grants: [GRANT] }]));
  });

  it('a publish by another instance → a follower sees it within 2 s', async () => {
    const seen: number[] = [];
    // A poll far longer than the test: only the directory watch can deliver in time.
    storeAt(file, 60_000).follow((snapshot) => seen.push(snapshot.version));
    await within(2000, () => expect(seen).toEqual([0]));
    await storeAt().publish([GRANT]);
    await within(2000, () => expect(seen).toEqual([0, 1]));
  });

  it('the file becomes unreadable → the error is reported and the last good snapshot stays', async () => {
    const publisher = storeAt();
    await publisher.publish([GRANT]);
    const seen: number[] = [];
    const errors: string[] = [];
    storeAt(file, 60_000).follow(
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    await within(2000, () => expect(seen).toEqual([1]));
    fs.writeFileSync(`${file}.tmp`, 'not json');
    fs.renameSync(`${file}.tmp`, file);
    await within(2000, () => expect(errors.some((message) => message.includes('not JSON'))).toBe(true));
    expect(seen).toEqual([1]);
  });

  it('a directory that does not exist yet → follow creates it and sees the first publish', async () => {
    const nested = path.join(dir, 'later', 'grants.json');
    const seen: number[] = [];
    storeAt(nested, 60_000).follow((snapshot) => seen.push(snapshot.version));
    await storeAt(nested).publish([GRANT]);
    await within(2000, () => expect(seen).toContain(1));
  });

  it('stop → no further snapshots', async () => {
    const seen: number[] = [];
    const stop = storeAt(file, 60_000).follow((snapshot) => seen.push(snapshot.version));
    await within(2000, () => expect(seen).toEqual([0]));
    stop();
    await storeAt().publish([GRANT]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([0]);
  });
});
