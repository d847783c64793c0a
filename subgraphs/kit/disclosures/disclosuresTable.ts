/**
 * The disclosure log's table, which the kit creates in every department's own database
 * (`database/kitMigrations.ts`): one row per record a request was given.
 */
export const DISCLOSURES_TABLE = 'kit_disclosures';

export interface DisclosuresTable {
  /** Insertion order: newest first is `id` descending. A number on SQLite, a string (bigint) on PostgreSQL. */
  id: number | string;
  /** When the response carrying the record was about to be sent, ISO 8601 UTC. */
  disclosed_at: string;
  /** The gateway's request id: the audit ledger's record of the same request carries it. */
  request_id: string;
  /** The department that returned the record (the database's own). */
  department: string;
  /** The record's GraphQL type, e.g. `Person`, `License`. */
  record_type: string;
  /** The record's key, e.g. an ID number or a license number (several key fields joined by a space). */
  record_key: string;
  /** The citizen the record is about (its owner under the department's `owners`), or null. */
  subject: string | null;
  reader_sub: string | null;
  /** JSON array of the reader's roles. */
  reader_roles: string;
  reader_dept: string | null;
  purpose: string | null;
  case_id: string | null;
  /** 1 when at least one value of the record was sent masked. */
  masked: number;
  /** JSON array of the record's fields the request was given, in the order first read. */
  fields: string;
  /** 1 when the gateway answered this request from its cache: the row copies one of an earlier request (`cached_from`). Defaults to 0. */
  from_cache: number;
  /** The earlier request whose answer the gateway reused, or null. */
  cached_from: string | null;
  /** The row of that request this one copies (a row is copied once per request), or null. */
  cached_row_id: number | string | null;
  /**
   * `read`: the record was returned to the reader (the default); `write`: the department changed
   * it for a completed application's write-back (`request_id` the event's id, the reader the
   * caseworker who completed it, `reader_dept` the sending department, `purpose` the event,
   * `case_id` the application, `fields` the fields written); `statistics`: every record of
   * `record_type` was counted in a statistical extract (`record_key` and `subject`
   * `EVERY_RECORD`: one row per extract, read as concerning every resident).
   */
  action: DisclosureAction;
}

export type DisclosureAction = 'read' | 'write' | 'statistics';

/** `record_key` and `subject` of a `statistics` row: every record of its type, so every resident. */
export const EVERY_RECORD = '*';

export type DisclosureRow = DisclosuresTable;
/** A row as a request's own read writes it (the columns of a copy left at their defaults; `action` by default `read`). */
export type NewDisclosureRow = Omit<DisclosuresTable, 'id' | 'from_cache' | 'cached_from' | 'cached_row_id' | 'action'> & { action?: DisclosureAction };
