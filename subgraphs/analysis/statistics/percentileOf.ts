/**
 * The p-th percentile (0 < p ≤ 1) of a distribution given as counts per value: the smallest
 * value at or below which at least p of the counts lie (nearest rank). Null when empty.
 */
export function percentileOf(counts: ReadonlyMap<number, number>, p: number): number | null {
  const values = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(p * total);
  let seen = 0;
  for (const [value, n] of values) {
    seen += n;
    if (seen >= rank) return value;
  }
  return values[values.length - 1][0];
}
