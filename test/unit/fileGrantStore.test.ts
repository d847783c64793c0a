import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileGrantStore, type AccessGrant, type GrantSnapshot } from '../../policies/grants';
import { itRefusesWhatTheCatalogDidNotSign } from '../support/grantStoreRefusals';
import { newSigningKey } from '../support/newSigningKey';
import { SAMPLE_GRANT } from '../support/sampleGrant';

/** The catalog's key, whose public half followers here verify with. */
const { key: KEY } = newSigningKey();
const SIGNED = expect.stringMatching(/^[\w-]+\.\.[\w-]+$/);

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
  /** Replaces the file at once (as a publish does), with whatever someone who can write it writes. */
  const writeFile = (content: unknown): void => {
    fs.writeFileSync(`${file}.tmp`, typeof content === 'string' ? content : JSON.stringify(content));
    fs.renameSync(`${file}.tmp`, file);
  };
  /** A follower (polling far less often than a test lasts: changes arrive by the directory watch) and what it saw. */
  const follower = () => {
    const seen: number[] = [];
    const errors: string[] = [];
    storeAt(file, 60_000).follow(
      KEY,
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    return { seen, errors };
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

  it('publish → read gives the grants under version 1, signed', async () => {
    const store = storeAt();
    expect(await store.publish([SAMPLE_GRANT], KEY)).toEqual({ version: 1, grants: [SAMPLE_GRANT], signature: SIGNED });
    expect(await store.read()).toEqual({ version: 1, grants: [SAMPLE_GRANT], signature: SIGNED });
  });

  it('each publish → the next version, also across store instances', async () => {
    await storeAt().publish([SAMPLE_GRANT], KEY);
    await storeAt().publish([], KEY);
    expect((await storeAt().publish([SAMPLE_GRANT], KEY)).version).toBe(3);
  });

  it('publish → no temporary file is left beside the grants file', async () => {
    await storeAt().publish([SAMPLE_GRANT], KEY);
    expect(fs.readdirSync(dir)).toEqual(['grants.json']);
  });

  it('a file that is not a snapshot → read fails naming the file', async () => {
    fs.writeFileSync(file, '{"version": 1, "grants": [{"id": "G-1"}]}');
    await expect(storeAt().read()).rejects.toThrow(/grants\.json: the published grants are malformed at grants\.0/);
  });

  it('extra fields on a published grant → kept when read', async () => {
    await storeAt().publish([{ ...SAMPLE_GRANT, note: 'added later' } as AccessGrant], KEY);
    expect(((await storeAt().read()).grants[0] as AccessGrant & { note: string }).note).toBe('added later');
  });

  it('follow → the current snapshot once at start', async () => {
    await storeAt().publish([SAMPLE_GRANT], KEY);
    const seen: GrantSnapshot[] = [];
    storeAt().follow(KEY, (snapshot) => seen.push(snapshot));
    await within(2000, () => expect(seen).toEqual([{ version: 1, grants: [SAMPLE_GRANT], signature: SIGNED }]));
  });

  it('a publish by another instance → a follower sees it within 2 s', async () => {
    const { seen } = follower();
    await within(2000, () => expect(seen).toEqual([0]));
    await storeAt().publish([SAMPLE_GRANT], KEY);
    await within(2000, () => expect(seen).toEqual([0, 1]));
  });

  it('the file becomes unreadable → the error is reported and the last good snapshot stays', async () => {
    await storeAt().publish([SAMPLE_GRANT], KEY);
    const { seen, errors } = follower();
    await within(2000, () => expect(seen).toEqual([1]));
    writeFile('not json');
    await within(2000, () => expect(errors.some((message) => message.includes('not JSON'))).toBe(true));
    expect(seen).toEqual([1]);
  });

  it('a directory that does not exist yet → follow creates it and sees the first publish', async () => {
    const nested = path.join(dir, 'later', 'grants.json');
    const seen: number[] = [];
    storeAt(nested, 60_000).follow(KEY, (snapshot) => seen.push(snapshot.version));
    await storeAt(nested).publish([SAMPLE_GRANT], KEY);
    await within(2000, () => expect(seen).toContain(1));
  });

  it('stop → no further snapshots', async () => {
    const seen: number[] = [];
    const stop = storeAt(file, 60_000).follow(KEY, (snapshot) => seen.push(snapshot.version));
    await within(2000, () => expect(seen).toEqual([0]));
    stop();
    await storeAt().publish([SAMPLE_GRANT], KEY);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([0]);
  });

  describe('what followers refuse', () => {
    itRefusesWhatTheCatalogDidNotSign(() => ({ store: () => storeAt(), write: async (content) => writeFile(content), key: KEY, within }));
  });
});
