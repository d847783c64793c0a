import { createRandom } from '../../subgraphs/kit';
import { geometricNoise } from '../../subgraphs/analysis/statistics/geometricNoise';
import { noiseFor } from '../../subgraphs/analysis/statistics/noiseFor';

const DRAWS = 40_000;

const samples = new Map<number, { draws: number[]; noise: ReturnType<typeof geometricNoise> }>();

/** DRAWS draws at `epsilon` from one fixed seed, drawn once per epsilon for the tests that look at them. */
function sample(epsilon: number): { draws: number[]; noise: ReturnType<typeof geometricNoise> } {
  let found = samples.get(epsilon);
  if (!found) {
    const random = createRandom(7, `analysis-noise-${epsilon}`);
    const noise = geometricNoise(epsilon, () => random.next());
    samples.set(epsilon, (found = { draws: Array.from({ length: DRAWS }, () => noise.draw()), noise }));
  }
  return found;
}

describe('geometric noise (fixed seed)', () => {
  it.each([0.1, 0.5, 1])('epsilon %s → mean within 4 standard errors of 0', (epsilon) => {
    const { draws, noise } = sample(epsilon);
    const mean = draws.reduce((s, x) => s + x, 0) / DRAWS;
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(noise.variance / DRAWS));
  });

  it.each([0.1, 0.5, 1])('epsilon %s → variance within 5%% of 2e^-ε/(1-e^-ε)²', (epsilon) => {
    const { draws, noise } = sample(epsilon);
    const alpha = Math.exp(-epsilon);
    expect(noise.variance).toBeCloseTo((2 * alpha) / (1 - alpha) ** 2, 10);
    const mean = draws.reduce((s, x) => s + x, 0) / DRAWS;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (DRAWS - 1);
    expect(Math.abs(variance / noise.variance - 1)).toBeLessThan(0.05);
  });

  it.each([0.1, 0.5, 1])('epsilon %s → at least 95%% of draws within bound95, and fewer than 95%% within bound95 − 1', (epsilon) => {
    const { draws, noise } = sample(epsilon);
    const within = (k: number) => draws.filter((x) => Math.abs(x) <= k).length / DRAWS;
    expect(within(noise.bound95)).toBeGreaterThanOrEqual(0.945);
    expect(within(noise.bound95 - 1)).toBeLessThan(0.955);
  });

  it('draws are whole numbers', () => {
    expect(sample(0.5).draws.every(Number.isInteger)).toBe(true);
  });

  it('a noised count → never below zero', () => {
    const random = createRandom(5, 'analysis-noise');
    const noise = noiseFor(0.1, 1, () => random.next());
    expect(Array.from({ length: 1000 }, () => noise.count(0)).every((n) => n >= 0)).toBe(true);
  });

  it("a query's epsilon → split over the counts it publishes per group", () => {
    expect(noiseFor(0.8, 4, Math.random).stated).toEqual({ mechanism: 'geometric', epsilon: 0.2, bound95: geometricNoise(0.2, Math.random).bound95 });
  });

  it('no epsilon → counts exact and no noise stated', () => {
    const exact = noiseFor(null, 7, Math.random);
    expect([exact.stated, exact.count(42)]).toEqual([null, 42]);
  });
});
