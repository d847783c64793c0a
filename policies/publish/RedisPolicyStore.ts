import type Redis from 'ioredis';
import { hashPolicyFiles } from '../engine/hashPolicyFiles';
import type { PolicyFileText } from '../engine/readPolicyDir';
import { MalformedPolicyBundle, parsePolicyBundle, type PolicyBundle, type PolicyHistoryEntry, type UnsignedPolicyBundle } from './PolicyBundle';
import type { PolicySigningKey } from './policySigningKeys';
import { signPolicyBundle } from './signPolicyBundle';
import { verifyPolicyBundle } from './verifyPolicyBundle';

/** The key prefix when none is configured: every key and the channel start with it. */
export const DEFAULT_POLICY_STORE_PREFIX = 'govgraph:';

/** Where the store keeps the policies in Redis, under one prefix. */
export interface PolicyStoreKeys {
  /** The last version taken: each publication sets it to the next one, so it only grows. */
  version: string;
  /** The bundle in force, as JSON. */
  current: string;
  /** Every publication, newest first, as JSON without the files (LPUSH). */
  history: string;
  /** Pub/sub channel told `{version, hash}` after each publication is stored. */
  channel: string;
}

export function policyStoreKeys(prefix: string = DEFAULT_POLICY_STORE_PREFIX): PolicyStoreKeys {
  return { version: `${prefix}policy:version`, current: `${prefix}policy:current`, history: `${prefix}policy:history`, channel: `${prefix}policy:published` };
}

/** The result of `publish`: stored under a new version, or nothing to do because these files are the current bundle. */
export type PublishOutcome = { kind: 'published'; bundle: PolicyBundle } | { kind: 'unchanged'; bundle: PolicyBundle };

/** How often `publish` reads and signs again when another publication got in between. */
const PUBLISH_ATTEMPTS = 5;

/**
 * Stores a signed bundle if, and only if, the version counter and the current bundle are still
 * what the publisher read and signed against (its version and previous hash are signed, so they
 * are fixed before the write): then sets both, adds the history line and notifies, all at once.
 * Returns 0, changing nothing, when either moved: the publisher reads, signs and tries again.
 * ARGV: counter present (1/0), counter, current present (1/0), current, new version, bundle,
 * history line, channel, message.
 */
const PUBLISH_SCRIPT = `
local function same(key, present, expected)
  local value = redis.call('GET', key)
  if present == '0' then return value == false end
  return value == expected
end
if not same(KEYS[1], ARGV[1], ARGV[2]) or not same(KEYS[2], ARGV[3], ARGV[4]) then return 0 end
redis.call('SET', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[6])
redis.call('LPUSH', KEYS[3], ARGV[7])
redis.call('PUBLISH', ARGV[8], ARGV[9])
return 1
`;

function parseOrNull(text: string | null): PolicyBundle | null {
  if (text === null) return null;
  try {
    return parsePolicyBundle(text);
  } catch (error) {
    if (error instanceof MalformedPolicyBundle) return null;
    throw error;
  }
}

/**
 * The published policies in Redis: the current bundle (version, hash, files, publisher,
 * time, previous hash, signature), the history of publications, and the channel instances
 * follow. It stores what it is given: validating the files is `publishPolicies`' job, and
 * every instance verifies the signature and validates again before anything takes effect.
 */
export class RedisPolicyStore {
  readonly keys: PolicyStoreKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string = DEFAULT_POLICY_STORE_PREFIX,
  ) {
    this.keys = policyStoreKeys(prefix);
  }

  /** The bundle in force; null when nothing was ever published. Throws MalformedPolicyBundle for anything else. */
  async current(): Promise<PolicyBundle | null> {
    const text = await this.redis.get(this.keys.current);
    return text === null ? null : parsePolicyBundle(text);
  }

  /**
   * Stores the files, signed with `signingKey`, as the next version and notifies every follower.
   * The same files as the current bundle change nothing, if that bundle is signed with this
   * key; one that is not (put there by other means, or by a former key) is replaced.
   */
  async publish({
    files,
    publishedBy,
    publishedAt = new Date(),
    signingKey,
  }: {
    files: PolicyFileText[];
    publishedBy: string;
    publishedAt?: Date;
    signingKey: PolicySigningKey;
  }): Promise<PublishOutcome> {
    const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map(({ file, text }) => ({ file, text }));
    const hash = hashPolicyFiles(sorted);
    const { version, current, history, channel } = this.keys;
    for (let attempt = 1; attempt <= PUBLISH_ATTEMPTS; attempt++) {
      const [counter, currentText] = await this.redis.mget(version, current);
      const previous = parseOrNull(currentText);
      if (previous?.hash === hash && (await verifyPolicyBundle(previous, signingKey)).kind === 'signed') return { kind: 'unchanged', bundle: previous };
      const last = counter === null ? 0 : Number(counter);
      if (!Number.isSafeInteger(last) || last < 0) throw new Error(`The policy version counter ${version} does not hold a version number`);
      const unsigned: UnsignedPolicyBundle = { version: last + 1, hash, files: sorted, publishedBy, publishedAt: publishedAt.toISOString(), previousHash: previous?.hash ?? null };
      const bundle: PolicyBundle = { ...unsigned, signature: await signPolicyBundle(unsigned, signingKey) };
      const { files: _files, signature: _signature, ...line } = bundle;
      const historyLine: PolicyHistoryEntry = { ...line, keyId: signingKey.keyId };
      const stored = await this.redis.eval(
        PUBLISH_SCRIPT,
        3,
        version,
        current,
        history,
        counter === null ? '0' : '1',
        counter ?? '',
        currentText === null ? '0' : '1',
        currentText ?? '',
        String(bundle.version),
        JSON.stringify(bundle),
        JSON.stringify(historyLine),
        channel,
        JSON.stringify({ version: bundle.version, hash }),
      );
      if (stored === 1) return { kind: 'published', bundle };
    }
    throw new Error(`The policy store kept changing while publishing (${PUBLISH_ATTEMPTS} attempts): other publications are under way; publish again`);
  }

  /** The last `count` publications, newest first. */
  async history(count = 20): Promise<PolicyHistoryEntry[]> {
    const lines = await this.redis.lrange(this.keys.history, 0, count - 1);
    return lines.map((line) => JSON.parse(line) as PolicyHistoryEntry);
  }
}
