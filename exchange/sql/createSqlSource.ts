import { sql } from 'kysely';
import type { DatasetSpec, ExchangeProblem, ExchangeSource, ExchangeSourceOptions, SourceRecord } from '../ExchangeSource';
import { redactDatabaseUrl } from '../../subgraphs/kit';
import { openSourceDatabase, sourceDialectOf, sqliteFileOf, type SourceDatabase } from './openSourceDatabase';
import { columnNameProblem, tableNameProblem } from './sqlIdentifier';
import { tableColumns } from './tableColumns';

/** The settings a dataset of the sql kind may have, besides `key`. */
const DATASET_SETTINGS = ['table', 'columns'] as const;
/** How long a readiness answer is reused: `/health` may be asked often, the source is someone else's system. */
const PROBLEM_TTL_MS = 5_000;

/** An sql source: the database, and how many statements it has been sent (tests count them per request). */
export interface SqlSource extends ExchangeSource {
  readonly kind: 'sql';
  /** Where it reads, safe to print. */
  readonly location: string;
  statementCount(): number;
}

/**
 * A department's database as an exchange source (`source: { kind: sql, url }`): MariaDB/MySQL,
 * PostgreSQL or an SQLite file, read through a read-only account and only with SELECTs that
 * Kysely builds from the declaration's names (checked plain identifiers, never text from a
 * request) with the keys as parameters: one `WHERE key IN (…)` per batch of keys.
 */
export function createSqlSource(options: ExchangeSourceOptions): SqlSource {
  const url = typeof options.source.url === 'string' ? options.source.url.trim() : '';
  if (!url)
    throw new Error(`${options.file}:${options.line}: ${options.department}: the sql source has no URL (set "url", or the environment variable it names, or give "default")`);
  const known = new Map<string, DatasetSpec>();
  let database: SourceDatabase | null = null;
  let statementsBefore = 0;
  let cachedProblem: { at: number; value: string | null } | null = null;

  /** The database, opened on first use (and again while an SQLite file is missing). */
  const open = (): SourceDatabase => {
    database ??= openSourceDatabase(url, options.dataDir);
    return database;
  };
  const dialect = sourceDialectOf(url);
  if (!dialect)
    throw new Error(
      `${options.file}:${options.line}: ${options.department}: ${redactDatabaseUrl(url)} is not a URL the sql kind reads (mysql://, mariadb://, postgres:// or sqlite:<file>)`,
    );
  const location = dialect === 'sqlite' ? sqliteFileOf(url, options.dataDir) : redactDatabaseUrl(url);
  const failed = (error: unknown): Error => new Error(`${options.department}: its source database (${location}) did not answer: ${(error as Error).message}`);

  /** The table of a dataset, and why it cannot be read if it cannot. */
  const tableOf = (dataset: DatasetSpec): { table: string; problems: string[] } => {
    const table = dataset.options.table;
    const problems: string[] = [];
    for (const setting of Object.keys(dataset.options)) {
      if (!(DATASET_SETTINGS as readonly string[]).includes(setting))
        problems.push(`dataset ${dataset.name}: the sql kind has no setting "${setting}" (its settings: key, ${DATASET_SETTINGS.join(', ')})`);
    }
    if (typeof table !== 'string') return { table: '', problems: [...problems, `dataset ${dataset.name}: say which table holds it ("table: NAME")`] };
    const tableProblem = tableNameProblem(table);
    if (tableProblem) problems.push(`dataset ${dataset.name}: ${tableProblem}`);
    for (const column of dataset.columns) {
      const problem = columnNameProblem(column);
      if (problem) problems.push(`dataset ${dataset.name}: ${problem}`);
    }
    return { table, problems };
  };

  const columnProblems = async (dataset: DatasetSpec): Promise<ExchangeProblem[]> => {
    const at = (column: string): number => dataset.columnLines?.[column] ?? dataset.line;
    const { table, problems } = tableOf(dataset);
    if (problems.length) return problems.map((message) => ({ file: dataset.file, line: dataset.line, message }));
    const present = await tableColumns(open(), table);
    if (present.length === 0) return [{ file: dataset.file, line: dataset.line, message: `dataset ${dataset.name}: the source has no table ${table} (${location})` }];
    const unread = present.filter((column) => !dataset.columns.includes(column));
    return dataset.columns
      .filter((column) => !present.includes(column))
      .map((column) => ({ file: dataset.file, line: at(column), message: `dataset ${dataset.name}: table ${table} has no column ${column}${similar(column, unread)}` }));
  };

  return {
    kind: 'sql',
    location,
    statementCount: () => (database ? database.statementCount() : 0) + statementsBefore,

    async lookup(dataset, keys) {
      known.set(dataset.name, dataset);
      const { table, problems } = tableOf(dataset);
      if (problems.length) throw new Error(`${options.department}: ${problems.join('; ')}`);
      const byKey = new Map<string, SourceRecord[]>();
      if (keys.length === 0) return byKey;
      let rows: SourceRecord[];
      try {
        rows = await open()
          .db.selectFrom(table)
          .select([...dataset.columns])
          .where(dataset.key, 'in', [...keys])
          .execute();
      } catch (error) {
        cachedProblem = null;
        throw failed(error);
      }
      for (const row of rows) {
        const key = String(row[dataset.key]);
        const records = byKey.get(key);
        if (records) records.push(row);
        else byKey.set(key, [row]);
      }
      return byKey;
    },

    async check(datasets) {
      for (const dataset of datasets) known.set(dataset.name, dataset);
      try {
        return (await Promise.all(datasets.map(columnProblems))).flat();
      } catch (error) {
        return [{ file: options.file, line: options.line, message: failed(error).message }];
      }
    },

    async problem() {
      if (cachedProblem && Date.now() - cachedProblem.at < PROBLEM_TTL_MS) return cachedProblem.value;
      let value: string | null;
      try {
        if (known.size === 0) await sql`select 1`.execute(open().db);
        const problems = (await Promise.all([...known.values()].map(columnProblems))).flat();
        value = problems.length
          ? `the source no longer fits the declaration: ${problems.map((p) => p.message).join('; ')} (npx govgraph exchange check ${options.department})`
          : null;
      } catch (error) {
        value = failed(error).message;
      }
      cachedProblem = { at: Date.now(), value };
      return value;
    },

    async distinctValues(dataset, column, limit) {
      const { table, problems } = tableOf(dataset);
      const problem = problems[0] ?? columnNameProblem(column);
      if (problem) throw new Error(problem);
      const rows = await open().db.selectFrom(table).select(column).distinct().orderBy(column).limit(limit).execute();
      return rows.map((row: SourceRecord) => row[column]);
    },

    async close() {
      if (!database) return;
      statementsBefore += database.statementCount();
      const closing = database;
      database = null;
      await closing.close();
    },
  };
}

/**
 * ` (renamed? the table has AAC008_STATUS)` when an unread column of the table contains the name (or
 * the name contains it: a prefix or suffix added or dropped); else the unread columns. Legacy column
 * names are codes (AAC001, AAC008) a letter apart, so no closeness by spelling is guessed.
 */
function similar(column: string, unread: readonly string[]): string {
  const lower = column.toLowerCase();
  const close = unread.filter((candidate) => candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
  if (close.length) return ` (renamed? the table has ${close.join(', ')})`;
  return unread.length ? ` (columns it has that the declaration does not read: ${unread.slice(0, 8).join(', ')}${unread.length > 8 ? ', …' : ''})` : '';
}
