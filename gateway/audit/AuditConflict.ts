/**
 * A shared store refused a batch because its chain no longer ends where the batch starts:
 * another writer (a second gateway instance on the same stream) appended first. Nothing
 * of the batch was stored; the ledger re-reads the end and chains the batch onto it again.
 */
export class AuditConflict extends Error {
  constructor(
    /** The hash the batch's first record links to. */
    readonly expected: string,
    /** The hash the store's chain ends with now. */
    readonly actual: string,
  ) {
    super(`the audit chain moved on: the batch links to ${expected.slice(0, 12)}…, the store ends at ${actual.slice(0, 12)}…`);
    this.name = 'AuditConflict';
  }
}
