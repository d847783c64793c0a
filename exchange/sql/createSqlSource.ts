import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DatasetSpec, ExchangeProblem, ExchangeSource, ExchangeSourceOptions, SourceRecord } from '../ExchangeSource';
import { redactDatabaseUrl } from '../../subgraphs/kit';
import { openSourceDatabase, sourceDialectOf, sqliteFileOf, type SourceDatabase } from './openSourceDatabase';
import { planDataset, type DatasetPlan, type PlannedColumn } from './planDataset';
import { tableColumns } from './tableColumns';

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
  // Planned once per dataset, not once per batch: a lookup runs for every request.
  const plans = new WeakMap<DatasetSpec, DatasetPlan>();
  const planOf = (dataset: DatasetSpec): DatasetPlan => {
    let plan = plans.get(dataset);
    if (!plan) plans.set(dataset, (plan = planDataset(dataset)));
    return plan;
  };
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

  const columnProblems = async (dataset: DatasetSpec): Promise<ExchangeProblem[]> => {
    const at = (column: string): number => dataset.columnLines?.[column] ?? dataset.line;
    const plan = planOf(dataset);
    if (plan.problems.length) return plan.problems.map((message) => ({ file: dataset.file, line: dataset.line, message }));
    const problems: ExchangeProblem[] = [];
    const used = [...plan.columns, ...plan.joins.flatMap((join) => join.on.flatMap(({ left, right }) => [left, right]))];
    for (const table of [plan.table, ...plan.joins.map((join) => join.table)]) {
      const present = await tableColumns(open(), table);
      if (present.length === 0) {
        problems.push({ file: dataset.file, line: dataset.line, message: `dataset ${dataset.name}: the source has no table ${table} (${location})` });
        continue;
      }
      const read = used.filter((column) => column.table === table);
      const unread = present.filter((column) => !read.some((r) => r.column === column));
      for (const column of new Set(read.filter((r) => !present.includes(r.column)).map((r) => r.written))) {
        problems.push({
          file: dataset.file,
          line: at(column),
          message: `dataset ${dataset.name}: table ${table} has no column ${column.replace(/^.*\./, '')}${similar(column.replace(/^.*\./, ''), unread)}`,
        });
      }
    }
    return problems;
  };

  return {
    kind: 'sql',
    location,
    statementCount: () => (database ? database.statementCount() : 0) + statementsBefore,

    async lookup(dataset, keys) {
      known.set(dataset.name, dataset);
      const plan = planOf(dataset);
      if (plan.problems.length) throw new Error(`${options.department}: ${plan.problems.join('; ')}`);
      const byKey = new Map<string, SourceRecord[]>();
      if (keys.length === 0) return byKey;
      let rows: SourceRecord[];
      try {
        rows = await selectRecords(open().db, plan, keys);
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
      const plan = planDataset({ ...dataset, columns: [...dataset.columns, column] });
      if (plan.problems.length) throw new Error(plan.problems[0]);
      const target = plan.columns.find((planned) => planned.written === column)!;
      let query: SelectQueryBuilder<any, any, any> = open().db.selectFrom(plan.table);
      for (const join of plan.joins) query = query.leftJoin(join.table, (on) => join.on.reduce((j, { left, right }) => j.onRef(qualified(left), '=', qualified(right)), on));
      const rows = await query
        .select(sql.ref(qualified(target)).as('value'))
        .distinct()
        .orderBy('value')
        .limit(limit)
        .execute();
      return rows.map((row: SourceRecord) => row.value);
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

/** `TABLE.COLUMN`, for Kysely's references (both plain identifiers, checked). */
function qualified(column: PlannedColumn): string {
  return `${column.table}.${column.column}`;
}

/**
 * One SELECT for a batch: the dataset's table, its joins, each column read under the name the
 * declaration writes it (`AAC008`, `SI_CITY.NAME`), `WHERE key IN (…)` with the keys as parameters.
 */
function selectRecords(db: Kysely<any>, plan: DatasetPlan, keys: readonly string[]): Promise<SourceRecord[]> {
  let query: SelectQueryBuilder<any, any, any> = db.selectFrom(plan.table);
  for (const join of plan.joins) query = query.leftJoin(join.table, (on) => join.on.reduce((j, { left, right }) => j.onRef(qualified(left), '=', qualified(right)), on));
  return query
    .select(plan.columns.map((column) => sql.ref(qualified(column)).as(column.written)))
    .where(qualified(plan.key), 'in', [...keys])
    .execute();
}
