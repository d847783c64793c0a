/**
 * The write-back inbox, which the kit creates in every department's own database
 * (`database/kitMigrations.ts`): one row per event the department decided, keyed by the
 * event's id, so an event delivered again gets the answer it got the first time.
 */
export const WRITE_BACKS_TABLE = 'kit_write_backs';

export interface WriteBacksTable {
  /** The event's id (`<applicationId>/<n>`): the idempotency key. */
  event_id: string;
  /** The event as write policies name it (`household-address-change`); null for a malformed event. */
  event: string | null;
  /** The department that sent it (`services`); null for a malformed event. */
  from_department: string | null;
  /** The action asked for (`updatePerson`); null for a malformed event. */
  action: string | null;
  /** The application whose completion it is; null for a malformed event. */
  application_id: string | null;
  state: 'applied' | 'refused';
  /** Why it was refused; null when applied. */
  reason: string | null;
  /** The record written, when applied. */
  record_type: string | null;
  record_key: string | null;
  /** When the department decided, ISO 8601 UTC: the outcome's `at`. */
  decided_at: string;
}

export type WriteBackRow = WriteBacksTable;
