import { combineStatistics, DEFAULT_STATISTICS, type StatisticsSettings } from '../../policies';
import { spendBudget } from './budget/privacyBudget';
import { requireAnalyst, type AnalysisContext } from './context';
import type { Snapshot } from './snapshot/takeSnapshot';
import { noiseFor, type CountNoise } from './statistics/noiseFor';

/** What every figure states beside its groups. */
export interface FigureFrame {
  asOf: string;
  minGroupSize: number;
  noise: CountNoise['stated'];
}

/** The settings of a figure drawing on `departments`: their policies' `statistics` sections combined. */
export function settingsOf(ctx: AnalysisContext, departments: readonly string[]): StatisticsSettings {
  const policies = ctx.services.policies();
  return combineStatistics(departments.map((department) => policies?.statistics?.(department) ?? DEFAULT_STATISTICS));
}

/**
 * The one way a figure is answered: the reader checked (analysts and managers), the settings of
 * the departments it draws on, the snapshot, the figure computed (GROUP_TOO_SMALL or
 * SERVICE_UNAVAILABLE end it there, spending nothing), then, when noised, the query's epsilon
 * spent from the reader's budget before anything is returned.
 */
export async function answerFigure<Figure>(
  ctx: AnalysisContext,
  departments: readonly string[],
  counts: number,
  compute: (snapshot: Snapshot, settings: StatisticsSettings, noise: CountNoise) => Figure,
): Promise<Figure & FigureFrame> {
  const reader = requireAnalyst(ctx);
  const settings = settingsOf(ctx, departments);
  const snapshot = await ctx.services.snapshots.current(ctx.graph);
  const noise = noiseFor(settings.noise?.epsilon ?? null, counts, ctx.services.uniform);
  const figure = compute(snapshot, settings, noise);
  if (settings.noise) {
    // A policy asking for noise without a daily budget does not load; this guards a hand-made set.
    await spendBudget(ctx.db, reader.sub, settings.noise.epsilon, settings.epsilonPerDay ?? 0, ctx.services.now());
  }
  return { ...figure, asOf: snapshot.asOf, minGroupSize: settings.minGroupSize, noise: noise.stated };
}
