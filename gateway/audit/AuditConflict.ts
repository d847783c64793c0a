import type { RecoveredLedger } from './AuditSink';

/**
 * A shared store refused a batch because its chain no longer ends where the batch starts:
 * another writer (a second gateway instance on the same stream) appended first. Nothing
 * of the batch was stored; the ledger chains the batch again onto the store's end.
 */
export class AuditConflict extends Error {
  constructor(
    /** The hash the batch's first record links to. */
    readonly expected: string,
    /**
     * The store's end as found when it refused, as `recover` would return it (saving the
     * writer that lost a round trip, so that it is not always behind); absent: call `recover`.
     */
    readonly end?: RecoveredLedger,
  ) {
    super(`the audit chain moved on: another writer appended after ${expected.slice(0, 12)}…`);
    this.name = 'AuditConflict';
  }
}
