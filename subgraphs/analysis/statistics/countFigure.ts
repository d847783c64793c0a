import type { CountNoise } from './noiseFor';
import { tabulate, type GroupKeyPart, type Grouping } from './tabulate';

export interface CountGroup {
  key: GroupKeyPart[];
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface CountFigure {
  groups: CountGroup[];
  /** null when it would reveal a suppressed group. */
  total: number | null;
  totalSuppressed: boolean;
}

const NO_MEASURES = { empty: () => null, add: () => undefined };

/** Individuals counted per group (population, enterprises), suppressed and, when the policies ask, noised. */
export function countFigure<Row>(input: {
  figure: string;
  rows: readonly Row[];
  countOf(row: Row): number;
  groupBy: readonly Grouping<Row>[];
  filters: readonly ((row: Row) => boolean)[];
  minGroupSize: number;
  noise: CountNoise;
}): CountFigure {
  const table = tabulate({ ...input, measures: NO_MEASURES });
  return {
    groups: table.groups.map((group) => ({ key: group.key, count: group.suppressed ? null : input.noise.count(group.count), suppressed: group.suppressed })),
    total: table.total.suppressed ? null : input.noise.count(table.total.count),
    totalSuppressed: table.total.suppressed,
  };
}
