import type { AuditRecord, SealedHead } from './AuditRecord';

/** What a sink finds when the ledger opens, for the ledger to continue the chain from (or refuse to). */
export interface RecoveredLedger {
  /** The last complete record line and where it is; null for an empty ledger. `record` is undefined when the line is not a record. */
  last: { record: AuditRecord | undefined; where: string } | null;
  /** The head stored with the last write; null when none was stored, 'unreadable' when it is not a head. */
  head: SealedHead | 'unreadable' | null;
  /** An incomplete last line (a write cut short by a crash), which was never acknowledged; null when none. */
  torn: { where: string } | null;
}

/**
 * Where audit records are kept. The JSON-lines files (`FileAuditSink`) are the default; a
 * shared store (a Redis stream, so that several gateway instances extend one chain) fits
 * behind the same interface. The ledger calls one method at a time, never concurrently.
 */
export interface AuditSink {
  /** Where the records go, for messages (a directory, a stream key); never a secret. */
  readonly description: string;
  /** What the stored head is called, for messages; `head.json` when absent. */
  readonly headName?: string;
  /** Reads the end of the ledger: before the first append, and again after an AuditConflict. */
  recover(): Promise<RecoveredLedger>;
  /** Removes the incomplete last line `recover` reported, keeping its bytes somewhere for inspection. */
  dropTorn(): Promise<void>;
  /**
   * Appends the records in order and stores `head` (the last of them), all or nothing:
   * when it rejects, no record of the batch may remain, so that the chain continues from
   * the last acknowledged record. A store shared by several writers rejects with
   * `AuditConflict` when its chain no longer ends at the first record's `prev` (nothing
   * stored); the ledger then calls `recover` again and retries on the new end.
   */
  append(records: readonly AuditRecord[], head: SealedHead): Promise<void>;
  /** Rejects when an append would fail now (checked before a mutation runs); cheap. */
  check(): Promise<void>;
  close(): Promise<void>;
}
