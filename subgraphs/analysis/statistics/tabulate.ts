import { CODES, requestError } from '../../kit';
import { suppressLevels, type TableCell, type TableLevel } from './suppressTable';

/** The value of a group on a dimension whose value is not known (an application without a person). */
export const UNKNOWN = '';

/** How rows are grouped on one dimension. */
export interface Grouping<Row> {
  /** The GraphQL enum value it answers to (`DIVISION`). */
  dimension: string;
  valueOf(row: Row): string;
  /** The value's name (a division's); by default none. */
  labelOf?(value: string): string | null;
  /** Coarser groups the value rolls up into (for nested lines of complementary suppression). */
  parents?(value: string): readonly string[];
  /**
   * For a dimension that rolls up (divisions): its value at each level, finest first, the parents
   * of a value at each level, and the level answered. The table is suppressed at every level at
   * once, so the answers at two levels cannot be played against each other. At most one per figure.
   */
  rollUp?: { levels: readonly ((row: Row) => string)[]; parentsAt: readonly ((value: string) => readonly string[])[]; answerAt: number };
}

export interface GroupKeyPart {
  dimension: string;
  /** null when not known. */
  value: string | null;
  label: string | null;
}

export interface TabulatedGroup<Measures> {
  key: GroupKeyPart[];
  /** The group's size: the rows it counts. */
  count: number;
  measures: Measures;
  suppressed: boolean;
}

export interface Tabulation<Measures> {
  groups: TabulatedGroup<Measures>[];
  total: { count: number; measures: Measures; suppressed: boolean };
}

/** What a figure counts, and how. */
export interface TabulateInput<Row, Measures> {
  /** Each row stands for `countOf(row)` individuals (an extract's cell) who share its values. */
  rows: readonly Row[];
  countOf(row: Row): number;
  groupBy: readonly Grouping<Row>[];
  /**
   * What the request narrows to (its period, its filter): each is a dimension of the table that
   * suppression sees, in or out, so a figure and its complement are suppressed alike.
   */
  filters: readonly ((row: Row) => boolean)[];
  minGroupSize: number;
  measures: { empty(): Measures; add(measures: Measures, row: Row): void };
  /** Names the figure in GROUP_TOO_SMALL. */
  figure: string;
}

interface Cell<Measures> extends TableCell {
  key: string[];
  measures: Measures;
}

/**
 * Groups rows by the requested dimensions and by whether each filter holds, suppresses on the
 * whole table (so the cells a filter leaves out are suppressed as they would be when asked for),
 * and returns the groups the filters keep. GROUP_TOO_SMALL when they keep fewer than the minimum.
 */
export function tabulate<Row, Measures>(input: TabulateInput<Row, Measures>): Tabulation<Measures> {
  const { groupBy, filters, measures } = input;
  const rolling = groupBy.findIndex((grouping) => grouping.rollUp);
  const rollUp = rolling < 0 ? null : groupBy[rolling].rollUp!;
  const levelCount = rollUp ? rollUp.levels.length : 1;
  const answerAt = rollUp ? rollUp.answerAt : 0;
  const levels = Array.from({ length: levelCount }, () => new Map<string, Cell<Measures>>());
  const children = Array.from({ length: levelCount }, () => new Map<string, Set<string>>());
  for (const row of input.rows) {
    const rest = filters.map((holds) => (holds(row) ? 'in' : 'out'));
    const count = input.countOf(row);
    let below: string | null = null;
    for (let l = 0; l < levelCount; l++) {
      const key = [...groupBy.map((grouping, d) => (d === rolling ? rollUp!.levels[l](row) : grouping.valueOf(row))), ...rest];
      const id = key.join('\u0000');
      let cell = levels[l].get(id);
      if (!cell) levels[l].set(id, (cell = { key, count: 0, measures: measures.empty() }));
      cell.count += count;
      if (l === answerAt) measures.add(cell.measures, row);
      if (below !== null) {
        const set = children[l].get(id) ?? new Set<string>();
        children[l].set(id, set.add(below));
      }
      below = id;
    }
  }
  const sorted = levels.map((level) => [...level.entries()].sort((a, b) => compareKeys(a[1].key, b[1].key)));
  const indexOf = sorted.map((level) => new Map(level.map(([id], i) => [id, i])));
  const tableLevels: TableLevel[] = sorted.map((level, l) => ({
    cells: level.map(([, cell]) => cell),
    dimensions: [...groupBy.map((g, d) => ({ name: g.dimension, parents: d === rolling ? rollUp!.parentsAt[l] : g.parents })), ...filters.map((_, i) => ({ name: `filter ${i}` }))],
    children: l === 0 ? undefined : level.map(([id]) => [...(children[l].get(id) ?? [])].map((child) => indexOf[l - 1].get(child)!)),
  }));
  const suppressed = suppressLevels(tableLevels, input.minGroupSize)[answerAt];
  const all = tableLevels[answerAt].cells as Cell<Measures>[];
  const kept = all.map((cell, i) => ({ cell, suppressed: suppressed[i] })).filter(({ cell }) => cell.key.slice(groupBy.length).every((v) => v === 'in'));
  const count = kept.reduce((sum, { cell }) => sum + cell.count, 0);
  if (count < input.minGroupSize) {
    throw requestError(
      CODES.GROUP_TOO_SMALL,
      `${input.figure}: the period and filter leave fewer than ${input.minGroupSize} to count, the smallest group that may be published; widen them.`,
      { minGroupSize: input.minGroupSize },
    );
  }
  const totalMeasures = measures.empty();
  for (const row of input.rows) if (filters.every((holds) => holds(row))) measures.add(totalMeasures, row);
  return {
    groups: kept.map(({ cell, suppressed }) => ({
      key: groupBy.map((grouping, d) => {
        const value = cell.key[d];
        return { dimension: grouping.dimension, value: value === UNKNOWN ? null : value, label: value === UNKNOWN ? 'not known' : (grouping.labelOf?.(value) ?? null) };
      }),
      count: cell.count,
      measures: cell.measures,
      suppressed,
    })),
    // The total of what the filters keep is the sum of one slice of the table: hidden when exactly one of its cells is.
    total: { count, measures: totalMeasures, suppressed: kept.filter((k) => k.suppressed).length === 1 },
  };
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
