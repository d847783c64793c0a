import { isMap, isScalar, type Node } from 'yaml';
import { MAX_CACHE_SECONDS, type CacheSetting } from './model';
import type { YamlReader } from './YamlReader';

const CACHE_KEYS = ['maxAge', 'scope'] as const;
const SCOPES = ['shared', 'reader'] as const;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const DURATION = 'a duration (a whole number and s, m or h: 60s, 5m, 1h)';

function describe(node: Node | null): string {
  if (!node) return 'nothing';
  const value = isScalar(node) ? node.value : undefined;
  if (value === undefined) return 'a list';
  if (value === null) return 'nothing';
  return typeof value === 'string' ? `"${value}"` : String(value);
}

/** Seconds from `60s`, `5m`, `1h`: more than 0 and at most MAX_CACHE_SECONDS; null (reported) otherwise. */
function duration(reader: YamlReader, node: Node | null, line: number, what: string, forms: string): number | null {
  const at = node ? reader.lineOf(node) : line;
  const value = node && isScalar(node) ? node.value : undefined;
  const match = typeof value === 'string' ? /^(\d+)(s|m|h)$/.exec(value.trim()) : null;
  if (!match) {
    const hint = typeof value === 'number' ? ` (did you mean "${value}s"?)` : '';
    reader.report(at, `${what} must be ${forms}, not ${describe(node)}${hint}`);
    return null;
  }
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
  if (seconds === 0) {
    reader.report(at, `${what}: ${value} keeps nothing; write "cache: none", or a duration from 1s to 1h`);
    return null;
  }
  if (seconds > MAX_CACHE_SECONDS) {
    reader.report(
      at,
      `${what}: ${value} is longer than 1h, the longest an answer may be kept (nothing tells the cache of a change made at the source outside the graph): write at most 1h`,
    );
    return null;
  }
  return seconds;
}

/**
 * A `cache` setting: `none`; a duration (`60s`: kept for readers whose decisions are the
 * same); or `{ maxAge: 5m, scope: reader }` (kept for each reader apart, for a field whose
 * answer depends on who asks). Null, reported, when the value is none of these.
 */
export function parseCacheSetting(reader: YamlReader, node: Node | null, line: number): CacheSetting | null {
  if (node && isScalar(node) && node.value === 'none') return { kind: 'none', line };
  if (!node || !isMap(node)) {
    const maxAgeSeconds = duration(reader, node, line, 'cache', `${DURATION}, "{ maxAge: 5m, scope: reader }" or none`);
    return maxAgeSeconds === null ? null : { kind: 'keep', maxAgeSeconds, perReader: false, line };
  }
  let maxAgeSeconds: number | null = null;
  let scope: (typeof SCOPES)[number] | null = 'shared';
  let hasMaxAge = false;
  const entries = reader.map(node, line, 'cache') ?? [];
  const known = reader.known(entries, CACHE_KEYS, 'cache');
  for (const entry of known) {
    if (entry.key === 'maxAge') {
      hasMaxAge = true;
      maxAgeSeconds = duration(reader, entry.value, entry.line, 'maxAge', DURATION);
    } else {
      scope = reader.choice(entry.value, entry.line, 'scope', SCOPES);
    }
  }
  // A misspelt `maxAge` is reported once, not again as a missing one.
  if (!hasMaxAge && known.length === entries.length) reader.report(line, `cache needs maxAge, ${DURATION} up to 1h: how long an answer may be kept`);
  if (maxAgeSeconds === null || scope === null || known.length < entries.length) return null;
  return { kind: 'keep', maxAgeSeconds, perReader: scope === 'reader', line };
}
