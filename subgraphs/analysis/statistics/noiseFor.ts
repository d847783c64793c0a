import { geometricNoise, type Uniform } from './geometricNoise';

/** How a figure's counts are published: exactly, or with noise of the mechanism stated. */
export interface CountNoise {
  /** null when counts are exact. */
  stated: { mechanism: 'geometric'; epsilon: number; bound95: number } | null;
  /** A count as published: itself, or itself plus one draw of noise, at least 0. */
  count(n: number): number;
}

export const EXACT: CountNoise = { stated: null, count: (n) => n };

/**
 * The noise of a query spending `epsilon`: each individual counts in one group, and in each
 * group in up to `measures` counts, so each count gets noise of epsilon / measures (sequential
 * composition within a group, parallel across groups). `stated.epsilon` is that per-count epsilon.
 */
export function noiseFor(epsilon: number | null, measures: number, uniform: Uniform): CountNoise {
  if (epsilon === null) return EXACT;
  const noise = geometricNoise(epsilon / measures, uniform);
  return { stated: { mechanism: 'geometric', epsilon: noise.epsilon, bound95: noise.bound95 }, count: (n) => Math.max(0, n + noise.draw()) };
}
