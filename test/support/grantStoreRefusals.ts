import { signGrantSnapshot, type GrantStore, type SigningKey } from '../../policies/grants';
import { newSigningKey } from './newSigningKey';
import { SAMPLE_GRANT } from './sampleGrant';

/** How a store suite lets the refusal tests at its store. */
export interface GrantStoreHarness {
  /** A store over the suite's file or key (closed by the suite). */
  store(): GrantStore;
  /** Replaces what the store holds, as anyone able to write it could (and tells followers, where the store would). */
  write(content: unknown): Promise<void>;
  /** The catalog's key: followers verify with its public half. */
  key: SigningKey;
  /** Polls until `check` passes. */
  within(ms: number, check: () => void): Promise<void>;
}

/**
 * What followers of any grant store refuse, the last good snapshot staying in force: an
 * unsigned snapshot, one signed by another key, one changed after signing, an older one put
 * back. Call inside the store's describe.
 */
export function itRefusesWhatTheCatalogDidNotSign(harness: () => GrantStoreHarness): void {
  const follow = () => {
    const { store, key } = harness();
    const seen: number[] = [];
    const errors: string[] = [];
    store().follow(
      key,
      (snapshot) => seen.push(snapshot.version),
      (error) => errors.push(error.message),
    );
    return { seen, errors };
  };
  /** Publishes `grants` as the catalog, starts a follower, waits until it has the snapshot in force, then writes `content` over it. */
  const followedThenOverwritten = async (content: (published: Awaited<ReturnType<GrantStore['publish']>>) => Promise<unknown>) => {
    const { store, key, write, within } = harness();
    const published = await store().publish([], key);
    const follower = follow();
    await within(2000, () => expect(follower.seen).toEqual([published.version]));
    await write(await content(published));
    return { ...follower, published };
  };
  const refusal = async (follower: { errors: string[] }, text: string): Promise<string> => {
    await harness().within(2000, () => expect(follower.errors).toContainEqual(expect.stringContaining(text)));
    return follower.errors.find((message) => message.includes(text))!;
  };

  it('an unsigned snapshot written into the store → refused as unsigned; the last good snapshot stays', async () => {
    const follower = await followedThenOverwritten(async ({ version }) => ({ version: version + 1, grants: [SAMPLE_GRANT] }));
    expect({ problem: await refusal(follower, 'not signed'), seen: follower.seen }).toEqual({
      problem: `The grants of published version ${follower.published.version + 1} were not put in force: the snapshot is not signed by the catalog's key ${harness().key.keyId} (it carries no signature: only the catalog publishes grants, signed with its grant signing key)`,
      seen: [follower.published.version],
    });
  });

  it('a snapshot signed by another key → refused, naming that key; the last good snapshot stays', async () => {
    const { key: other } = newSigningKey();
    const follower = await followedThenOverwritten(async ({ version }) => {
      const forged = { version: version + 1, grants: [SAMPLE_GRANT] };
      return { ...forged, signature: await signGrantSnapshot(forged, other) };
    });
    await refusal(follower, `it is signed by another key, ${other.keyId}`);
    expect(follower.seen).toEqual([follower.published.version]);
  });

  it("the catalog's snapshot changed after signing → refused as changed; the last good snapshot stays", async () => {
    const follower = await followedThenOverwritten(async (published) => ({ ...published, grants: [SAMPLE_GRANT] }));
    await refusal(follower, 'its content does not match its signature: changed after it was signed');
    expect(follower.seen).toEqual([follower.published.version]);
  });

  it('an older signed snapshot put back → refused as a replay; the snapshot in force stays', async () => {
    const { store, key } = harness();
    const older = await store().publish([SAMPLE_GRANT], key);
    const follower = await followedThenOverwritten(async () => older);
    await refusal(
      follower,
      `The grants of published version ${older.version} were not put in force: version ${follower.published.version} is in force and an older version is never put back`,
    );
    expect(follower.seen).toEqual([follower.published.version]);
  });

  it('a forged snapshot claiming the next version → what the catalog publishes next is still followed', async () => {
    const { store, key, within } = harness();
    const follower = await followedThenOverwritten(async ({ version }) => ({ version: version + 1, grants: [SAMPLE_GRANT] }));
    await refusal(follower, 'not signed');
    const next = await store().publish([SAMPLE_GRANT], key);
    await within(2000, () => expect(follower.seen).toEqual([follower.published.version, next.version]));
  });
}
