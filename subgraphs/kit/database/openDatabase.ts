import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import { Pool } from 'pg';
import { redactDatabaseUrl } from './redactDatabaseUrl';
import { DISCLOSURES_TABLE } from '../disclosures/disclosuresTable';

export type DatabaseDialect = 'sqlite' | 'postgres';

export interface DepartmentDatabase<DB> {
  db: Kysely<DB>;
  dialect: DatabaseDialect;
  /** The PostgreSQL schema holding the department's tables (absent on SQLite). */
  schema?: string;
  /** Where the data lives, safe to print (no password). */
  location: string;
  /** SQL statements executed for the department's data since the database was opened (the disclosure log's writes are counted apart). */
  statementCount(): number;
  /** INSERT statements into the disclosure log (`kit_disclosures`) since the database was opened: one per request that returned records. */
  disclosureWriteCount(): number;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  department: string;
  /** A postgres:// URL; when absent the department gets an SQLite file. */
  url?: string;
  /** PostgreSQL schema holding the department's tables; defaults to the department name. */
  schema?: string;
  /** Directory of SQLite files; defaults to `.data` under the working directory. */
  dataDir?: string;
  /** SQLite file path; overrides dataDir. `:memory:` for a throwaway database. */
  file?: string;
  /**
   * PostgreSQL: cancel a statement that runs longer (`statement_timeout`); SQLite: how long a
   * statement waits for another connection's lock (busy timeout). Defaults: none on
   * PostgreSQL, SQLite's 5 s (see `RequestBudget.statementTimeoutMs`).
   */
  statementTimeoutMs?: number;
}

/**
 * Where a department's data lives: `<DEPARTMENT>_DATABASE_URL`, else `DATABASE_URL`
 * (then one schema per department), else an embedded SQLite file.
 */
export function databaseUrlFor(department: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[`${department.toUpperCase()}_DATABASE_URL`];
  return own || env.DATABASE_URL || undefined;
}

export class DatabaseUnreachableError extends Error {
  constructor(department: string, location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${department}: cannot reach its database at ${location} (${reason})`);
    this.name = 'DatabaseUnreachableError';
  }
}

/** Opens a department's own database and checks that it answers. */
export async function openDatabase<DB>(options: OpenDatabaseOptions): Promise<DepartmentDatabase<DB>> {
  let statements = 0;
  let disclosureWrites = 0;
  const disclosureInsert = `insert into "${DISCLOSURES_TABLE}"`;
  const log = (event: LogEvent): void => {
    if (event.level !== 'query') return;
    if (event.query.sql.startsWith(disclosureInsert)) disclosureWrites++;
    else statements++;
  };
  const { department } = options;

  if (options.url) {
    const location = redactDatabaseUrl(options.url);
    const schema = options.schema ?? department;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name '${schema}'`);
    const pool = new Pool({
      connectionString: options.url,
      options: `-c search_path=${schema}`,
      max: 10,
      connectionTimeoutMillis: 5000,
      ...(options.statementTimeoutMs && { statement_timeout: options.statementTimeoutMs }),
    });
    // A pool error on an idle client must not crash the department.
    pool.on('error', () => undefined);
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new DatabaseUnreachableError(department, location, error);
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
    return {
      db,
      dialect: 'postgres',
      schema,
      location: `${location} (schema ${schema})`,
      statementCount: () => statements,
      disclosureWriteCount: () => disclosureWrites,
      close: () => db.destroy(),
    };
  }

  const file = options.file ?? path.join(options.dataDir ?? path.resolve('.data'), `${department}.sqlite`);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, options.statementTimeoutMs ? { timeout: options.statementTimeoutMs } : {});
  } catch (error) {
    throw new DatabaseUnreachableError(department, file, error);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log });
  await sql`select 1`.execute(db);
  statements = 0;
  return {
    db,
    dialect: 'sqlite',
    location: file,
    statementCount: () => statements,
    disclosureWriteCount: () => disclosureWrites,
    close: () => db.destroy(),
  };
}
