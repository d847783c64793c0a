/**
 * What a completed application writes back to the departments that own the facts, and what
 * they answer. The service platform (`services`) records each event in its outbox in the
 * completion's own transaction; a relay carries it to the owning department (Redis Streams,
 * or a direct delivery in the embedded default); the department applies it at most once
 * (its `id` is the idempotency key) under its write policies, and answers with an outcome.
 */

/** The format's version, the first field of every event. */
export const WRITE_BACK_EVENT_VERSION = 1;

/** A value written into a department's record (a string, a number, a code, a date as YYYY-MM-DD). */
export type WriteBackValue = string | number | boolean | null;

export interface WriteBackEvent {
  version: typeof WRITE_BACK_EVENT_VERSION;
  /** Unique across the platform, `<applicationId>/<n>`: the owning department applies an id once. */
  id: string;
  /** The department that sent it (the signer): `services`. */
  from: string;
  /** The department that owns the record written. */
  department: string;
  /** The event as write policies name it, e.g. `household-address-change`: what the service item declares. */
  event: string;
  /**
   * What the owning department is asked to do, one of the actions it declares
   * (`issueLicense` at licenses, `updatePerson` at population).
   */
  action: string;
  /** The record written: its GraphQL type and key (the key of the record to update, or of the holder for a new one). */
  target: { type: string; key: string };
  /** The fields written, by GraphQL field name, with their values (the coordinates are `<target.type>.<field>`). */
  values: Record<string, WriteBackValue>;
  /** The application (the case) whose completion this is. */
  applicationId: string;
  itemCode: string;
  /** The resident who applied (their resident ID number): whose record it is, for the disclosure log. */
  applicant: string;
  /** Who completed the application (the `sub` of the caseworker's token). */
  actor: string;
  /** When the application was completed, ISO 8601 UTC. */
  completedAt: string;
}

/**
 * Where a write-back stands, as `Application.writeBacks` shows it:
 * - `pending`: in the outbox or on its way, maybe retried;
 * - `applied`: the owning department wrote it (once);
 * - `refused`: the owning department will not write it (its write policy, or the values fail its checks): `reason` says why; final;
 * - `dead`: it could not be delivered or applied after the set number of attempts: in the dead-letter list until replayed.
 */
export type WriteBackState = 'pending' | 'applied' | 'refused' | 'dead';

export const WRITE_BACK_STATES: readonly WriteBackState[] = ['pending', 'applied', 'refused', 'dead'];

/** What the owning department answers for one event; the same answer every time the event comes again. */
export interface WriteBackOutcome {
  eventId: string;
  department: string;
  state: 'applied' | 'refused';
  /** Why it was refused (null when applied); never holds an ID number or a phone number. */
  reason: string | null;
  /** The record written (a new license's number), when applied. */
  record: { type: string; key: string } | null;
  /** When the department first decided, ISO 8601 UTC. */
  at: string;
}

/** An event as it travels: the JSON text exactly as signed, and its detached signature. */
export interface SealedWriteBack {
  /** The event's id, repeated outside the payload so a transport can name it without parsing. */
  id: string;
  department: string;
  payload: string;
  signature: string;
}
