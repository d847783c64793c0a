/**
 * The HTTP routes of the write-back exchange, beside `/graphql` on a department's port.
 * Each answers only a caller the department trusts: the delivery route only sealed events
 * (signed by the service platform), the services routes only the gateway's token.
 */

/** On each owning department, the embedded default's delivery: POST a `SealedWriteBack` → 200 with its `WriteBackOutcome`. */
export const WRITE_BACK_DELIVERY_PATH = '/write-backs';

/** On services, for the gateway: GET → `{ seq }`, the newest application update's number (no personal data), so the `/events` stream queries only when something moved. */
export const APPLICATION_UPDATES_HEAD_PATH = '/application-updates/head';

/** On services, for the gateway's audit: GET `?after=SEQ&limit=N` → `{ outcomes: DecidedWriteBack[] }`, in `seq` order. */
export const WRITE_BACK_OUTCOMES_PATH = '/write-back-outcomes';

/** One write-back whose fate is settled (applied, refused or dead), as the audit ledger records it. */
export interface DecidedWriteBack {
  /** Increases with each settled write-back: the gateway's cursor. */
  seq: number;
  eventId: string;
  applicationId: string;
  itemCode: string;
  event: string;
  /** The owning department. */
  department: string;
  state: 'applied' | 'refused' | 'dead';
  reason: string | null;
  /** The record written, `Type key` (a license number), when applied. */
  record: string | null;
  /** The fields written (`Person.householdAddress`). */
  coordinates: string[];
  /** Who completed the application (a token's `sub`), and the resident it concerns. */
  actor: string;
  applicant: string;
  at: string;
}
