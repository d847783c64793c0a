import type { CacheHint } from './types';

/** `60s`, `5m`, `1h`, `5m per reader`, or `none`: a cache hint as officers write it. */
export function formatCacheHint(hint: CacheHint | null): string {
  if (!hint) return 'none';
  const { maxAgeSeconds: s } = hint;
  const age = s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`;
  return hint.perReader ? `${age} per reader` : age;
}
