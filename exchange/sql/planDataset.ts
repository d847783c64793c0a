import type { DatasetSpec } from '../ExchangeSource';
import { columnNameProblem, tableNameProblem } from './sqlIdentifier';

/** The settings a dataset of the sql kind may have, besides `key`. */
export const DATASET_SETTINGS = ['table', 'joins', 'columns'] as const;

/** A column the declaration reads: as written (`AAC008`, or `SI_CITY.NAME` from a joined table), and where it is. */
export interface PlannedColumn {
  written: string;
  table: string;
  column: string;
}

export interface DatasetPlan {
  table: string;
  /** `LEFT JOIN table ON left = right`, each side a table and a column. */
  joins: { table: string; on: { left: PlannedColumn; right: PlannedColumn }[] }[];
  /** The key column (of the dataset's table) and every column read, the key first. */
  columns: PlannedColumn[];
  key: PlannedColumn;
  problems: string[];
}

/**
 * How a dataset is read: its table, its joins (`joins: [{ table: SI_CITY, on: { AAB301: CODE } }]`,
 * a record per row of the table, with the joined row's columns written `SI_CITY.NAME`) and its
 * columns, each name a checked plain identifier; `problems` says what cannot be read.
 */
export function planDataset(dataset: DatasetSpec): DatasetPlan {
  const problems: string[] = [];
  const where = `dataset ${dataset.name}`;
  for (const setting of Object.keys(dataset.options)) {
    if (!(DATASET_SETTINGS as readonly string[]).includes(setting))
      problems.push(`${where}: the sql kind has no setting "${setting}" (its settings: key, ${DATASET_SETTINGS.join(', ')})`);
  }
  const table = typeof dataset.options.table === 'string' ? dataset.options.table : '';
  if (!table) problems.push(`${where}: say which table holds it ("table: NAME")`);
  else {
    const problem = tableNameProblem(table);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  const joinTables: string[] = [];
  const joins: DatasetPlan['joins'] = [];
  const written = dataset.options.joins ?? [];
  if (!Array.isArray(written)) problems.push(`${where}: joins must be a list of { table, on: { COLUMN: JOINED_COLUMN } }`);
  for (const join of Array.isArray(written) ? written : []) {
    const joinTable = (join as { table?: unknown })?.table;
    const on = (join as { on?: unknown })?.on;
    if (typeof joinTable !== 'string' || typeof on !== 'object' || on === null || Object.keys(on).length === 0) {
      problems.push(`${where}: each join is { table: NAME, on: { COLUMN: JOINED_COLUMN } }`);
      continue;
    }
    const problem = tableNameProblem(joinTable);
    if (problem) problems.push(`${where}: ${problem}`);
    joinTables.push(joinTable);
    joins.push({
      table: joinTable,
      on: Object.entries(on as Record<string, unknown>).map(([left, right]) => ({
        left: resolve(left),
        right: { written: String(right), table: joinTable, column: String(right) },
      })),
    });
  }

  /** `C` is a column of the dataset's table; `T.C` of the table `T` it joins. */
  function resolve(name: string): PlannedColumn {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return { written: name, table, column: name };
    const [owner, column] = [name.slice(0, dot), name.slice(dot + 1)];
    if (owner !== table && !joinTables.includes(owner)) problems.push(`${where}: ${name} names table ${owner}, which the dataset neither reads nor joins`);
    return { written: name, table: owner, column };
  }

  const columns = [...new Set([dataset.key, ...dataset.columns])].map(resolve);
  for (const column of [...columns, ...joins.flatMap((join) => join.on.flatMap(({ left, right }) => [left, right]))]) {
    const problem = columnNameProblem(column.column);
    if (problem) problems.push(`${where}: ${problem}`);
  }
  return { table, joins, columns, key: columns[0], problems };
}
