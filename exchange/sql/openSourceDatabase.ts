import fs from 'node:fs';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, MysqlDialect, PostgresDialect, SqliteDialect, type Dialect, type LogEvent } from 'kysely';
import { createPool } from 'mysql2';
import { Pool } from 'pg';
import { redactDatabaseUrl } from '../../subgraphs/kit';
import { resolveDataPath } from '../resolveDataPath';
import { selectOnlyDialect } from './selectOnlyDialect';

export type SourceDialect = 'mysql' | 'postgres' | 'sqlite';

/** A department's database, opened to be read. */
export interface SourceDatabase {
  db: Kysely<any>;
  dialect: SourceDialect;
  /** Where it is, safe to print (no password). */
  location: string;
  /** Statements sent since it was opened. */
  statementCount(): number;
  close(): Promise<void>;
}

/** Seconds a statement may take; the source is someone else's production system. */
const STATEMENT_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;
const POOL_SIZE = 5;

/** The dialect of a source URL, or null when it is none the sql kind reads. */
export function sourceDialectOf(url: string): SourceDialect | null {
  if (/^(mysql|mariadb):\/\//i.test(url)) return 'mysql';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (/^sqlite:/i.test(url)) return 'sqlite';
  return null;
}

/** `sqlite:<file>` → the file, in the data directory when relative. */
export function sqliteFileOf(url: string, dataDir: string): string {
  return resolveDataPath(dataDir, url.replace(/^sqlite:(\/\/)?/i, ''));
}

/**
 * Opens a source database to be read: MariaDB/MySQL (mysql2), PostgreSQL (pg) or an SQLite file.
 * Read only three times over: the account the URL gives (the department grants it SELECT alone),
 * the session (MySQL `SET SESSION TRANSACTION READ ONLY`, PostgreSQL `default_transaction_read_only`,
 * SQLite opened read-only), and `selectOnlyDialect`, which refuses any statement but one SELECT.
 * A pool connects on first use; an SQLite file must exist (a missing one throws here).
 */
export function openSourceDatabase(url: string, dataDir: string): SourceDatabase {
  const dialect = sourceDialectOf(url);
  let statements = 0;
  const log = (event: LogEvent): void => {
    if (event.level === 'query') statements++;
  };
  let inner: Dialect;
  let location: string;
  switch (dialect) {
    case 'mysql': {
      location = redactDatabaseUrl(url);
      const pool = createPool({
        uri: url.replace(/^mariadb:/i, 'mysql:'),
        connectionLimit: POOL_SIZE,
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Dates as written (no time zone shift), DECIMAL as numbers: the adapter converts per the SDL.
        dateStrings: true,
        decimalNumbers: true,
        supportBigNumbers: true,
      });
      inner = new MysqlDialect({
        pool,
        onCreateConnection: async (connection) => {
          await connection.executeQuery(CompiledQuery.raw('SET SESSION TRANSACTION READ ONLY'));
          await connection.executeQuery(CompiledQuery.raw(`SET SESSION max_statement_time = ${STATEMENT_TIMEOUT_MS / 1000}`)).catch(() => undefined);
        },
      });
      break;
    }
    case 'postgres': {
      location = redactDatabaseUrl(url);
      const pool = new Pool({
        connectionString: url,
        max: POOL_SIZE,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        statement_timeout: STATEMENT_TIMEOUT_MS,
        options: '-c default_transaction_read_only=on',
      });
      // An idle client's error must not crash the department; the next query reports it.
      pool.on('error', () => undefined);
      inner = new PostgresDialect({ pool });
      break;
    }
    case 'sqlite': {
      const file = sqliteFileOf(url, dataDir);
      location = file;
      if (!fs.existsSync(file)) throw new Error(`the SQLite file ${file} does not exist`);
      inner = new SqliteDialect({ database: new Database(file, { readonly: true, fileMustExist: true, timeout: STATEMENT_TIMEOUT_MS }) });
      break;
    }
    default:
      throw new Error(`${redactDatabaseUrl(url)} is not a source URL the sql kind reads: mysql://, mariadb://, postgres:// or sqlite:<file>`);
  }
  const db = new Kysely<any>({ dialect: selectOnlyDialect(inner), log });
  return { db, dialect, location, statementCount: () => statements, close: () => db.destroy() };
}
