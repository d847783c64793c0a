import type { Transaction } from 'kysely';
import type { WriteBackEvent } from '../../../schema/contracts/writeBack';

/** What an action did with an event: wrote one record, or wrote nothing and says why. */
export type WriteBackResult =
  | {
      kind: 'applied';
      /** The record written: its GraphQL type and key (a new license's number). */
      record: { type: string; key: string };
      /**
       * Optional: the resident whose record it is (their ID number), or null for no resident's
       * (an enterprise's license). It is the disclosure log's subject; left out, the applicant
       * when the event's target key is theirs, else null.
       */
      subject?: string | null;
    }
  | {
      kind: 'refused';
      /** One sentence; never holds an ID number or a phone number (the kit masks any it finds). */
      reason: string;
    };

/**
 * One thing a department lets the service platform ask of it when an application completes
 * (`issueLicense`, `updatePerson`). The kit has already verified the event's signature, found it
 * new and checked the department's write policies for every field it writes; `apply` runs in the
 * transaction that records the event, so what it writes and the record of having written it
 * commit together. It validates first and writes only when it applies: a refusal rolls back.
 * A database error is thrown, never turned into a refusal: the event is delivered again.
 */
export interface WriteBackAction<DB> {
  apply(trx: Transaction<DB>, event: WriteBackEvent): Promise<WriteBackResult>;
}

/** A department's write-backs: the actions it applies, by the name events give (`event.action`). */
export interface DepartmentWriteBacks<DB> {
  actions: Record<string, WriteBackAction<DB>>;
}
