import { median } from './median';
import { PUBLIC_TARGETS, type PublicRun } from './publicRun';

/** govgraph's value over vanilla's, one per round, and their median. */
export interface RoundRatios {
  median: number;
  /** Their lowest and highest, `0.79–1.30`. */
  range: string;
  rounds: number[];
}

/** govgraph's value over vanilla's in each round of the public section (each round's two runs are neighbours); null when a value is missing (no /proc). */
export function perRoundRatios(runs: readonly PublicRun[], value: (run: PublicRun) => number | null): RoundRatios | null {
  const ratios: number[] = [];
  for (const round of new Set(runs.map((run) => run.round))) {
    const [vanilla, govgraph] = PUBLIC_TARGETS.map((target) => runs.find((run) => run.round === round && run.target === target));
    const [a, b] = [govgraph && value(govgraph), vanilla && value(vanilla)];
    if (a == null || b == null || b === 0) return null;
    ratios.push(a / b);
  }
  if (!ratios.length) return null;
  return { median: median(ratios), range: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`, rounds: ratios };
}
