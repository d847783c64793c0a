/** One cell of a table: its value on each dimension, and how many it counts. */
export interface TableCell {
  key: readonly string[];
  count: number;
}

/**
 * A dimension of a table, as suppression sees it. `parents` gives, for a value, the coarser
 * groups it rolls up into (a county's city and province): the cells of one line that share a
 * parent are a line of their own, since a query at the coarser level publishes their sum.
 */
export interface TableDimension {
  name: string;
  parents?(value: string): readonly string[];
}

export interface Suppression {
  /** Per cell, in the order given: true when its figures must not be published. */
  suppressed: boolean[];
  /** True when the table's total would reveal a suppressed cell (exactly one is suppressed). */
  totalSuppressed: boolean;
}

/** The lines of a table: for each dimension, the cells equal on every other one (and, nested, under the same parent). */
export function linesOf(cells: readonly TableCell[], dimensions: readonly TableDimension[]): number[][] {
  const lines = new Map<string, number[]>();
  const add = (id: string, index: number) => {
    const line = lines.get(id);
    if (line) line.push(index);
    else lines.set(id, [index]);
  };
  cells.forEach((cell, index) => {
    dimensions.forEach((dimension, d) => {
      const rest = cell.key.filter((_, i) => i !== d).join('\u0000');
      add(`${d}|${rest}`, index);
      for (const parent of dimension.parents?.(cell.key[d]) ?? []) add(`${d}|${rest}|^${parent}`, index);
    });
  });
  // The table's total is a line too. Short lines first: hiding a second cell in a city's line
  // usually settles its province's and the whole table's line as well, and hides less.
  return [...lines.values(), cells.map((_, index) => index)].sort((a, b) => a.length - b.length);
}

/** Hides a second cell in every line holding exactly one hidden cell; true when it hid any. */
export function complementLines(cells: readonly TableCell[], lines: readonly number[][], suppressed: boolean[]): boolean {
  let changed = false;
  for (const line of lines) {
    if (line.filter((i) => suppressed[i]).length !== 1) continue;
    const smallest = smallestVisible(line, cells, suppressed);
    // No other cell to hide: the line's sum is the suppressed cell itself, below the minimum wherever it is published.
    if (smallest < 0) continue;
    suppressed[smallest] = true;
    changed = true;
  }
  return changed;
}

export function smallestVisible(indices: readonly number[], cells: readonly TableCell[], suppressed: readonly boolean[]): number {
  let smallest = -1;
  for (const i of indices) {
    if (suppressed[i] || cells[i].count === 0) continue;
    if (smallest < 0 || cells[i].count < cells[smallest].count) smallest = i;
  }
  return smallest;
}

/**
 * One level of a table whose dimension rolls up (counties, cities, provinces): its cells and
 * dimensions, and, above the finest, for each cell the cells of the level below whose sum it is.
 */
export interface TableLevel {
  cells: readonly TableCell[];
  dimensions: readonly TableDimension[];
  children?: readonly (readonly number[])[];
}

/**
 * Suppression of a table at every level of its rolling-up dimension at once, so a query at one
 * level cannot undo another's: each level's lines as in `suppressTable`, and a cell hidden at a
 * coarser level (a city) has a hidden cell below it (one of its counties; the counties' nested
 * lines then hide a second), or a query at the finer level would publish its sum. Per level, per
 * cell: hidden or not.
 */
export function suppressLevels(levels: readonly TableLevel[], minGroupSize: number): boolean[][] {
  const suppressed = levels.map((level) => level.cells.map((cell) => cell.count > 0 && cell.count < minGroupSize));
  const lines = levels.map((level) => linesOf(level.cells, level.dimensions));
  for (let changed = true; changed;) {
    changed = false;
    levels.forEach((level, l) => {
      if (complementLines(level.cells, lines[l], suppressed[l])) changed = true;
    });
    levels.forEach((level, l) => {
      if (l === 0 || !level.children) return;
      level.cells.forEach((_, i) => {
        const children = level.children![i];
        if (!suppressed[l][i] || children.some((c) => suppressed[l - 1][c])) return;
        const smallest = smallestVisible(children, levels[l - 1].cells, suppressed[l - 1]);
        if (smallest < 0) return;
        suppressed[l - 1][smallest] = true;
        changed = true;
      });
    });
  }
  return suppressed;
}

/**
 * Primary and complementary suppression. A cell counting at least one and fewer than
 * `minGroupSize` is suppressed; then, until nothing changes, every line of the table (the cells
 * that differ on one dimension only, whose sum another query publishes as a marginal, and the
 * table's total) holding exactly one suppressed cell gets a second one: its smallest
 * unsuppressed non-zero cell. So no suppressed cell is the difference of a published sum and
 * published cells.
 */
export function suppressTable(cells: readonly TableCell[], dimensions: readonly TableDimension[], minGroupSize: number): Suppression {
  const [suppressed] = suppressLevels([{ cells, dimensions }], minGroupSize);
  return { suppressed, totalSuppressed: suppressed.filter(Boolean).length === 1 };
}
