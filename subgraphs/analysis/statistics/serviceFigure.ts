import type { ApplicationStatisticsCell } from './extracts';
import type { CountNoise } from './noiseFor';
import { percentileOf } from './percentileOf';
import { tabulate, type GroupKeyPart, type Grouping } from './tabulate';

/** The counts behind a group of applications. */
export interface ServiceMeasures {
  completed: number;
  approved: number;
  rejected: number;
  overdue: number;
  /** Completed applications per number of working days taken. */
  workingDays: Map<number, number>;
  /** Feedback per rating 1–5. */
  ratings: number[];
}

/** The published figures of a group; every one null when the group is suppressed. */
export interface ServiceFigures {
  applications: number | null;
  completed: number | null;
  approved: number | null;
  rejected: number | null;
  overdue: number | null;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  meanRating: number | null;
  ratingDistribution: number[] | null;
}

export interface ServiceGroup extends ServiceFigures {
  key: GroupKeyPart[];
  suppressed: boolean;
}

export interface ServiceFigure {
  groups: ServiceGroup[];
  total: ServiceFigures;
  totalSuppressed: boolean;
}

/** The counts a figure publishes per group, each noised on its own: what a query's epsilon is split over. */
export const SERVICE_COUNT_MEASURES = 7;

const measures = {
  empty: (): ServiceMeasures => ({ completed: 0, approved: 0, rejected: 0, overdue: 0, workingDays: new Map(), ratings: [0, 0, 0, 0, 0] }),
  add(m: ServiceMeasures, cell: ApplicationStatisticsCell): void {
    // An application is approved once a reviewer approved it, whether or not it has been completed since.
    if (cell.status === 'COMPLETED') m.completed += cell.count;
    if (cell.status === 'APPROVED' || cell.status === 'COMPLETED') m.approved += cell.count;
    if (cell.status === 'REJECTED') m.rejected += cell.count;
    if (cell.overdue) m.overdue += cell.count;
    if (cell.workingDays !== null) m.workingDays.set(cell.workingDays, (m.workingDays.get(cell.workingDays) ?? 0) + cell.count);
    if (cell.rating !== null && cell.rating >= 1 && cell.rating <= 5) m.ratings[cell.rating - 1] += cell.count;
  },
};

const SUPPRESSED: ServiceFigures = {
  applications: null,
  completed: null,
  approved: null,
  rejected: null,
  overdue: null,
  medianWorkingDays: null,
  p90WorkingDays: null,
  meanRating: null,
  ratingDistribution: null,
};

function figures(applications: number, m: ServiceMeasures, noise: CountNoise): ServiceFigures {
  const workingDays = new Map([...m.workingDays].map(([days, n]) => [days, noise.count(n)]));
  const ratings = m.ratings.map((n) => noise.count(n));
  const rated = ratings.reduce((sum, n) => sum + n, 0);
  return {
    applications: noise.count(applications),
    completed: noise.count(m.completed),
    approved: noise.count(m.approved),
    rejected: noise.count(m.rejected),
    overdue: noise.count(m.overdue),
    medianWorkingDays: percentileOf(workingDays, 0.5),
    p90WorkingDays: percentileOf(workingDays, 0.9),
    meanRating: rated === 0 ? null : Math.round((ratings.reduce((sum, n, i) => sum + n * (i + 1), 0) / rated) * 100) / 100,
    ratingDistribution: ratings,
  };
}

/** Service performance per group of applications: suppressed on the number of applications, and noised when the policies ask. */
export function serviceFigure(input: {
  rows: readonly ApplicationStatisticsCell[];
  groupBy: readonly Grouping<ApplicationStatisticsCell>[];
  filters: readonly ((cell: ApplicationStatisticsCell) => boolean)[];
  minGroupSize: number;
  noise: CountNoise;
}): ServiceFigure {
  const table = tabulate({ ...input, figure: 'serviceStatistics', countOf: (cell) => cell.count, measures });
  return {
    groups: table.groups.map((group) => ({
      key: group.key,
      suppressed: group.suppressed,
      ...(group.suppressed ? SUPPRESSED : figures(group.count, group.measures, input.noise)),
    })),
    total: table.total.suppressed ? SUPPRESSED : figures(table.total.count, table.total.measures, input.noise),
    totalSuppressed: table.total.suppressed,
  };
}
