import { DEFAULT_MIN_GROUP_SIZE, PLATFORM_DEPARTMENT, type PolicyFileModel } from './model';
import type { StatisticsSettings } from './types';

/** The built-in settings: groups of at least 10, exact counts. */
export const DEFAULT_STATISTICS: StatisticsSettings = Object.freeze({ minGroupSize: DEFAULT_MIN_GROUP_SIZE, noise: null, epsilonPerDay: null });

/**
 * Each department's statistics settings from the files' `statistics:` sections: what a
 * department's section leaves out comes from platform.yaml's, then from the built-in default.
 * Departments without a section get the platform's settings.
 */
export function resolveStatistics(files: readonly PolicyFileModel[]): (department: string) => StatisticsSettings {
  const sections = new Map(files.filter((f) => f.department !== null && f.statistics !== null).map((f) => [f.department!, f.statistics!]));
  const platform = sections.get(PLATFORM_DEPARTMENT);
  const base: StatisticsSettings = Object.freeze({
    minGroupSize: platform?.minGroupSize ?? DEFAULT_STATISTICS.minGroupSize,
    noise: platform?.noise ? Object.freeze({ mechanism: platform.noise.mechanism, epsilon: platform.noise.epsilon }) : null,
    epsilonPerDay: platform?.budget?.epsilonPerDay ?? null,
  });
  const settings = new Map<string, StatisticsSettings>();
  for (const [department, section] of sections) {
    const noise = section.noise ?? (section.budget ? null : base.noise && { ...base.noise });
    settings.set(
      department,
      Object.freeze({
        minGroupSize: section.minGroupSize ?? base.minGroupSize,
        noise: noise && Object.freeze({ mechanism: noise.mechanism, epsilon: noise.epsilon }),
        epsilonPerDay: section.noise ? (section.budget?.epsilonPerDay ?? null) : base.epsilonPerDay,
      }),
    );
  }
  return (department) => settings.get(department) ?? base;
}

/**
 * The settings of a figure drawing on several departments: the largest minimum group size and,
 * when any of them asks for noise, the smallest epsilon per query and per day among those that do.
 */
export function combineStatistics(settings: readonly StatisticsSettings[]): StatisticsSettings {
  const noised = settings.filter((s) => s.noise !== null);
  const minGroupSize = settings.length === 0 ? DEFAULT_STATISTICS.minGroupSize : Math.max(...settings.map((s) => s.minGroupSize));
  if (noised.length === 0) return { minGroupSize, noise: null, epsilonPerDay: null };
  const epsilon = Math.min(...noised.map((s) => s.noise!.epsilon));
  const perDay = noised.map((s) => s.epsilonPerDay).filter((e): e is number => e !== null);
  return { minGroupSize, noise: { mechanism: 'geometric', epsilon }, epsilonPerDay: perDay.length > 0 ? Math.min(...perDay) : null };
}
