import type Redis from 'ioredis';
import { hashPolicyFiles } from '../engine/hashPolicyFiles';
import type { PolicyFileText } from '../engine/readPolicyDir';
import { parsePolicyBundle, type PolicyBundle, type PolicyHistoryEntry } from './PolicyBundle';

/** The key prefix when none is configured: every key and the channel start with it. */
export const DEFAULT_POLICY_STORE_PREFIX = 'govgraph:';

/** Where the store keeps the policies in Redis, under one prefix. */
export interface PolicyStoreKeys {
  /** The counter versions are taken from (INCR): it only grows. */
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

/**
 * Stores a bundle atomically: compares with the current one, takes the next version,
 * writes the bundle and its history line, then notifies, all in one script, so two
 * officers publishing at once get two versions, each naming the other as its predecessor.
 * The bundle is built by concatenation so the files' JSON is stored exactly as sent.
 */
const PUBLISH_SCRIPT = `
local current = redis.call('GET', KEYS[2])
local previous = nil
if current then
  local ok, bundle = pcall(cjson.decode, current)
  if ok and type(bundle) == 'table' and type(bundle.hash) == 'string' then
    if bundle.hash == ARGV[1] then return {0, current} end
    previous = bundle.hash
  end
end
local version = redis.call('INCR', KEYS[1])
local previousJson = 'null'
if previous then previousJson = cjson.encode(previous) end
local meta = '"version":' .. version .. ',"hash":' .. cjson.encode(ARGV[1])
local who = '"publishedBy":' .. cjson.encode(ARGV[3]) .. ',"publishedAt":' .. cjson.encode(ARGV[4]) .. ',"previousHash":' .. previousJson
local text = '{' .. meta .. ',"files":' .. ARGV[2] .. ',' .. who .. '}'
redis.call('SET', KEYS[2], text)
redis.call('LPUSH', KEYS[3], '{' .. meta .. ',' .. who .. '}')
redis.call('PUBLISH', ARGV[5], '{' .. meta .. '}')
return {1, text}
`;

/**
 * The published policies in Redis: the current bundle (version, hash, files, publisher,
 * time, previous hash), the history of publications, and the channel instances follow.
 * It stores what it is given: validating the files is `publishPolicies`' job, and every
 * instance validates again before anything takes effect.
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

  /** Stores the files as the next version and notifies every follower; the same files as the current bundle change nothing. */
  async publish({ files, publishedBy, publishedAt = new Date() }: { files: PolicyFileText[]; publishedBy: string; publishedAt?: Date }): Promise<PublishOutcome> {
    const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map(({ file, text }) => ({ file, text }));
    const hash = hashPolicyFiles(sorted);
    const { version, current, history, channel } = this.keys;
    const [stored, text] = (await this.redis.eval(PUBLISH_SCRIPT, 3, version, current, history, hash, JSON.stringify(sorted), publishedBy, publishedAt.toISOString(), channel)) as [number, string];
    return { kind: stored === 1 ? 'published' : 'unchanged', bundle: parsePolicyBundle(text) };
  }

  /** The last `count` publications, newest first. */
  async history(count = 20): Promise<PolicyHistoryEntry[]> {
    const lines = await this.redis.lrange(this.keys.history, 0, count - 1);
    return lines.map((line) => JSON.parse(line) as PolicyHistoryEntry);
  }
}
