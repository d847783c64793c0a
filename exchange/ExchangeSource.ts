import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

/**
 * What an adapter department reads its records through: one implementation per kind of
 * source (`exchange/sql/`, `exchange/http/`, `exchange/files/`). The adapter asks only for
 * records by key, one batch at a time, so every kind answers the same few questions.
 */

/** One record as the source holds it: column (or JSON field) name → value, before any mapping. */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** A dataset of the declaration (`datasets:` in exchange.yaml), as a source needs it. */
export interface DatasetSpec {
  name: string;
  /** file and line of the dataset in exchange.yaml, for problems */
  file: string;
  line: number;
  /** The key column: the column that holds the entity key. */
  key: string;
  /** Every column the declaration reads from it. */
  columns: readonly string[];
  /** Where each column is first read in exchange.yaml, so a problem with one column names its line (else the dataset's). */
  columnLines?: Readonly<Record<string, number>>;
  /** The kind-specific settings as written (table, operation, inbox, …). */
  options: Readonly<Record<string, unknown>>;
}

/** A place in the declaration that does not fit the source, for `govgraph exchange check` (`file:line: message`). */
export interface ExchangeProblem {
  file: string;
  line: number;
  message: string;
}

export interface ExchangeSource {
  readonly kind: 'sql' | 'http' | 'files';
  /** One batch (a DataLoader's): the records of `dataset` whose key is one of `keys`, by key, in source order. Throws a clear Error when the source fails. */
  lookup(dataset: DatasetSpec, keys: readonly string[]): Promise<Map<string, SourceRecord[]>>;
  /** The declaration against the source: missing tables/columns/operations, files that do not fit. */
  check(datasets: readonly DatasetSpec[]): Promise<ExchangeProblem[]>;
  /** For /health and readiness: null when fine, else why not (never a password or a key). */
  problem(): Promise<string | null>;
  /** Optional: what the kind adds to the department's /health beside `kind` and `problem` (the files kind: its latest load); never a record's value, a password or a key. */
  details?(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
  /** Optional: work a source does while the department runs (the files kind loads its inbox, then follows it); called once, after it is opened. */
  start?(): Promise<void>;
  /**
   * Optional: the distinct values a column holds (at most `limit`), so `exchange check` can tell
   * which legacy values have no mapping before a reader meets them. A kind that cannot list them leaves it out.
   */
  distinctValues?(dataset: DatasetSpec, column: string, limit: number): Promise<unknown[]>;
  /** Optional: the statements (or calls) sent to the system so far, where the kind counts them; /health shows it, so batching shows. */
  statementCount?(): number;
}

/**
 * What each kind's factory (`createSqlSource`, `createHttpSource`, `createFilesSource`) is given:
 * the `source:` block as written (plain values; `env:`/`default:` already resolved into `url` where
 * the kind has one), where the department keeps its files, the environment and a logger.
 */
export interface ExchangeSourceOptions {
  /** The department, for messages and logs. */
  department: string;
  /** The `source:` block of exchange.yaml as a plain object, its `env:` settings read and `default:` applied (resolveSourceSettings). */
  source: Readonly<Record<string, unknown>>;
  /** The same block as written, for a kind that must see where a setting comes from (an API key only ever from `env:`). */
  written: Readonly<Record<string, unknown>>;
  /** exchange.yaml and the line of its `source:`, for problems. */
  file: string;
  line: number;
  /**
   * The department's data directory (`GOVGRAPH_DATA_DIR`, else `.data`). A relative path in the
   * declaration is a path in it: `.data/exchange/civil/inbox` is `<dataDir>/exchange/civil/inbox`
   * (`resolveDataPath` in exchange/resolveDataPath.ts), so tests and deployments move it whole.
   */
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  /** The datasets the declaration reads (as `check` gets them), for a kind that plans them once. */
  datasets: readonly DatasetSpec[];
  /** The department's folder (absolute): files the declaration names beside it (`openapi: openapi.yaml`) are read from here. */
  departmentDir: string;
  /** The department's own database (where the kit keeps its disclosure log), for a kind that keeps state (the files kind's loads); absent where none is open (`exchange check`). */
  db?: Kysely<any>;
  /** Its PostgreSQL schema, when it is on PostgreSQL. */
  schema?: string;
}
