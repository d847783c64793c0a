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
function linesOf(cells: readonly TableCell[], dimensions: readonly TableDimension[]): number[][] {
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

/**
 * Primary and complementary suppression. A cell counting at least one and fewer than
 * `minGroupSize` is suppressed; then, until nothing changes, every line of the table (the cells
 * that differ on one dimension only, whose sum another query publishes as a marginal, and the
 * table's total) holding exactly one suppressed cell gets a second one: its smallest
 * unsuppressed non-zero cell. So no suppressed cell is the difference of a published sum and
 * published cells.
 */
export function suppressTable(cells: readonly TableCell[], dimensions: readonly TableDimension[], minGroupSize: number): Suppression {
  const suppressed = cells.map((cell) => cell.count > 0 && cell.count < minGroupSize);
  const lines = linesOf(cells, dimensions);
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((i) => suppressed[i]).length !== 1) continue;
      let smallest = -1;
      for (const i of line) {
        if (suppressed[i] || cells[i].count === 0) continue;
        if (smallest < 0 || cells[i].count < cells[smallest].count) smallest = i;
      }
      // No other cell to hide: the line's sum is the suppressed cell itself, below the minimum wherever it is published.
      if (smallest < 0) continue;
      suppressed[smallest] = true;
      changed = true;
    }
  }
  return { suppressed, totalSuppressed: suppressed.filter(Boolean).length === 1 };
}
