import type { Selectable, Transaction } from 'kysely';
import { maskPersonalText } from '../../../schema/contracts/logger/maskPersonalText';
import type { ServicesDatabase, WriteBackRowState, WriteBacksTable } from '../database';
import { appendApplicationUpdates, type NewApplicationUpdate } from '../updates/appendApplicationUpdates';

/** The longest reason or error kept: a department's answer is shown, not stored whole. */
const MAX_TEXT = 500;

/** A department's or a transport's text as it may be kept and shown: ID numbers and phones masked, tokens removed, bounded. */
export function keptText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const masked = maskPersonalText(String(text)).trim();
  return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT - 1)}…` : masked;
}

/** The WRITE_BACK update recording a write-back as it stands in `row`. */
export async function writeBackUpdate(trx: Transaction<ServicesDatabase>, row: Selectable<WriteBacksTable>): Promise<NewApplicationUpdate> {
  const item = await trx.selectFrom('service_items').select('handled_by').where('code', '=', row.item_code).executeTakeFirst();
  return {
    application_id: row.application_id,
    applicant: row.applicant,
    handled_by: item?.handled_by ?? null,
    kind: 'WRITE_BACK',
    status: null,
    write_back_id: row.id,
    state: row.state,
    attempts: Number(row.attempts),
    reason: row.state === 'dead' ? row.last_error : row.reason,
    record: row.record,
    at: row.state_at,
  };
}

export interface StateChange {
  state: WriteBackRowState;
  at: string;
  reason?: string | null;
  record?: string | null;
  lastError?: string | null;
  attempts?: number;
  nextAttemptAt?: string;
}

/**
 * Moves a write-back from `from` to another state, inside the caller's transaction, and
 * records it: a WRITE_BACK update in the application's feed and, when the new state settles
 * it (applied, refused, dead), its number in the feed of settled write-backs (the same
 * number). Nothing happens, and false is returned, when it is no longer in `from`: of two
 * relays or two outcomes racing, one moves it.
 */
export async function changeWriteBackState(trx: Transaction<ServicesDatabase>, id: string, from: WriteBackRowState, change: StateChange): Promise<boolean> {
  const updated = await trx
    .updateTable('write_backs')
    .set({
      state: change.state,
      state_at: change.at,
      ...(change.reason !== undefined && { reason: change.reason }),
      ...(change.record !== undefined && { record: change.record }),
      ...(change.lastError !== undefined && { last_error: change.lastError }),
      ...(change.attempts !== undefined && { attempts: change.attempts }),
      ...(change.nextAttemptAt !== undefined && { next_attempt_at: change.nextAttemptAt }),
      // A write-back back to pending leaves the feed of settled ones until it settles again.
      ...(change.state === 'pending' && { decided_seq: null }),
    })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  const row = await trx.selectFrom('write_backs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [seq] = await appendApplicationUpdates(trx, [await writeBackUpdate(trx, row)]);
  if (change.state !== 'pending') await trx.updateTable('write_backs').set({ decided_seq: seq }).where('id', '=', id).execute();
  return true;
}
