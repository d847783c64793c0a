import type { Insertable, Transaction } from 'kysely';
import type { ApplicationStatus, ApplicationUpdatesTable, ServicesDatabase } from '../database';
import { takeSequenceNumbers } from './takeSequenceNumbers';

export type NewApplicationUpdate = Omit<Insertable<ApplicationUpdatesTable>, 'seq'>;

/** Whose case an application is: its applicant, and the department handling its item. */
export interface CaseOwners {
  applicant: string;
  handledBy: string | null;
}

export async function caseOwnersOf(trx: Transaction<ServicesDatabase>, applicationId: string): Promise<CaseOwners> {
  const row = await trx
    .selectFrom('applications')
    .innerJoin('service_items', 'service_items.code', 'applications.item_code')
    .select(['applications.applicant_id_number as applicant', 'service_items.handled_by as handledBy'])
    .where('applications.id', '=', applicationId)
    .executeTakeFirstOrThrow();
  return { applicant: row.applicant, handledBy: row.handledBy };
}

/** A STATUS update: the application moved to `status` (or, for feedback, stayed there). */
export function statusUpdate(applicationId: string, owners: CaseOwners, status: ApplicationStatus, at: string): NewApplicationUpdate {
  return {
    application_id: applicationId,
    applicant: owners.applicant,
    handled_by: owners.handledBy,
    kind: 'STATUS',
    status,
    write_back_id: null,
    state: null,
    attempts: null,
    reason: null,
    record: null,
    at,
  };
}

/**
 * Appends updates to the applicants' and staff's feeds, numbered from the sequence in the
 * given order; call it last in the transaction that made the change. Returns their numbers.
 */
export async function appendApplicationUpdates(trx: Transaction<ServicesDatabase>, updates: readonly NewApplicationUpdate[]): Promise<number[]> {
  const seqs = await takeSequenceNumbers(trx, updates.length);
  if (updates.length > 0)
    await trx
      .insertInto('application_updates')
      .values(updates.map((update, i) => ({ ...update, seq: seqs[i] })))
      .execute();
  return seqs;
}
