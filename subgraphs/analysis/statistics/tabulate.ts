import { CODES, requestError } from '../../kit';
import { complementLines, linesOf, smallestVisible, type TableCell } from './suppressTable';

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
  rollUp?: { coarsen: readonly ((value: string) => string)[]; parentsAt: readonly ((value: string) => readonly string[])[]; answerAt: number };
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
  if (groupBy.length + filters.length > MAX_DIMENSIONS) {
    throw requestError(
      CODES.BAD_USER_INPUT,
      `${input.figure}: ${groupBy.length} groupings and ${filters.length} filter parts (the period counts as one) make more than ${MAX_DIMENSIONS} dimensions; ask for fewer.`,
    );
  }
  const cells = new Map<string, Cell<Measures>>();
  for (const row of input.rows) {
    const key = [...groupBy.map((grouping) => grouping.valueOf(row)), ...filters.map((holds) => (holds(row) ? 'in' : 'out'))];
    const id = key.join('\u0000');
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { key, count: 0, measures: measures.empty() }));
    cell.count += input.countOf(row);
    measures.add(cell.measures, row);
  }
  const all = [...cells.values()].sort((a, b) => compareKeys(a.key, b.key));
  const suppressed = suppressWithMarginals(all, groupBy, filters.length, input.minGroupSize);
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

/** Groupings and filter parts a figure may combine: its suppression looks at every table of a subset of them. */
export const MAX_DIMENSIONS = 6;

const DROPPED = '*';

/** A table of a subset of the figure's dimensions (`kept`), its rolling dimension at `level`. */
interface Marginal {
  kept: number;
  level: number;
  cells: TableCell[];
  index: Map<string, number>;
  suppressed: boolean[];
}

/**
 * Suppression consistent across the figures another query could ask: the figure's table is
 * suppressed after every table of a subset of its dimensions (the marginals, coarsest first)
 * and, for divisions, at every coarser level, and a group hidden in one of those has a hidden
 * part below it here (so this table's published cells never add up to it). Each table's own
 * lines are then completed as in `suppressTable`. A coarser table never depends on a finer one,
 * so every query computes the same hidden groups for the tables they share.
 */
function suppressWithMarginals<Row>(base: readonly TableCell[], groupBy: readonly Grouping<Row>[], filterCount: number, minGroupSize: number): boolean[] {
  const count = groupBy.length + filterCount;
  const rolling = groupBy.findIndex((grouping) => grouping.rollUp);
  const rollUp = rolling < 0 ? null : groupBy[rolling].rollUp!;
  const lastLevel = rollUp ? rollUp.coarsen.length - 1 : 0;
  const answerAt = rollUp ? rollUp.answerAt : 0;
  const full = (1 << count) - 1;
  const has = (kept: number, d: number) => (kept & (1 << d)) !== 0;
  const bits = (kept: number) => [...Array(count).keys()].filter((d) => has(kept, d)).length;
  const project = (key: readonly string[], kept: number, level: number) =>
    key.map((value, d) => (!has(kept, d) ? DROPPED : d === rolling && value !== UNKNOWN ? rollUp!.coarsen[level](value) : value));
  const tables = new Map<string, Marginal>();
  const order: { kept: number; level: number }[] = [];
  for (let kept = 0; kept <= full; kept++) {
    const levels = rolling >= 0 && has(kept, rolling) ? [...Array(lastLevel - answerAt + 1).keys()].map((i) => lastLevel - i) : [answerAt];
    for (const level of levels) order.push({ kept, level });
  }
  order.sort((a, b) => bits(a.kept) - bits(b.kept) || b.level - a.level);
  const dimensionsAt = (level: number) => [
    ...groupBy.map((g, d) => ({
      name: g.dimension,
      parents: (value: string) => (value === DROPPED ? [] : d === rolling ? rollUp!.parentsAt[level](value) : (g.parents?.(value) ?? [])),
    })),
    ...Array.from({ length: filterCount }, (_, i) => ({ name: `filter ${i}` })),
  ];
  let answer: boolean[] = [];
  for (const { kept, level } of order) {
    const cells: TableCell[] = [];
    const index = new Map<string, number>();
    const cellOf = base.map((cell) => {
      const key = kept === full && level === answerAt ? [...cell.key] : project(cell.key, kept, level);
      const id = key.join('\u0000');
      let i = index.get(id);
      if (i === undefined) {
        index.set(id, (i = cells.length));
        cells.push({ key, count: 0 });
      }
      cells[i].count += cell.count;
      return i;
    });
    const suppressed = cells.map((cell) => cell.count > 0 && cell.count < minGroupSize);
    // The tables this one adds up to: one dimension fewer, or its division one level up.
    const parents: { kept: number; level: number }[] = [...Array(count).keys()]
      .filter((d) => has(kept, d))
      .map((d) => ({ kept: kept & ~(1 << d), level: d === rolling ? answerAt : level }));
    if (rolling >= 0 && has(kept, rolling) && level < lastLevel) parents.push({ kept, level: level + 1 });
    for (const parent of parents) {
      const table = tables.get(`${parent.kept}:${parent.level}`)!;
      const childrenOf = new Map<number, number[]>();
      cells.forEach((cell, i) => {
        const up = table.index.get(project(cell.key, parent.kept, parent.level).join('\u0000'))!;
        childrenOf.set(up, [...(childrenOf.get(up) ?? []), i]);
      });
      table.suppressed.forEach((hidden, up) => {
        const children = childrenOf.get(up) ?? [];
        if (!hidden || children.some((c) => suppressed[c])) return;
        const smallest = smallestVisible(children, cells, suppressed);
        if (smallest >= 0) suppressed[smallest] = true;
      });
    }
    const lines = linesOf(cells, dimensionsAt(level));
    while (complementLines(cells, lines, suppressed));
    tables.set(`${kept}:${level}`, { kept, level, cells, index, suppressed });
    // Cells of the table itself are the base cells, in order.
    if (kept === full && level === answerAt) answer = cellOf.map((i) => suppressed[i]);
  }
  return answer;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
