import { randomInt } from 'node:crypto';

/** A source of uniform numbers in [0, 1): seeded in tests, `cryptoUniform` in production. */
export type Uniform = () => number;

/** 53 random bits from the operating system's generator. */
export const cryptoUniform: Uniform = () => (randomInt(0, 2 ** 26) * 2 ** 27 + randomInt(0, 2 ** 27)) / 2 ** 53;

/** The noise added to one count, and how far it goes. */
export interface GeometricNoise {
  epsilon: number;
  /** Half-width of the interval holding the noise with probability at least 95%. */
  bound95: number;
  /** The variance of the noise: 2α / (1 − α)², α = e^−ε. */
  variance: number;
  /** One draw. */
  draw(): number;
}

/**
 * The two-sided geometric mechanism (discrete Laplace) for counts of sensitivity 1:
 * P(X = k) = (1 − α) / (1 + α) · α^|k| with α = e^−ε, drawn as the difference of two
 * geometric variables (each by inversion of one uniform).
 */
export function geometricNoise(epsilon: number, uniform: Uniform): GeometricNoise {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new Error(`geometricNoise: epsilon must be a positive number, not ${epsilon}`);
  const alpha = Math.exp(-epsilon);
  // P(|X| > k) = 2α^(k+1) / (1 + α): the smallest k for which that is at most 5%.
  const bound95 = Math.max(0, Math.ceil(Math.log((0.05 * (1 + alpha)) / 2) / Math.log(alpha) - 1));
  const geometric = () => Math.floor(Math.log(1 - uniform()) / Math.log(alpha));
  return { epsilon, bound95, variance: (2 * alpha) / (1 - alpha) ** 2, draw: () => geometric() - geometric() };
}
