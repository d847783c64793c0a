import type { Kysely } from 'kysely';
import type { ServicesDatabase, WriteBackRowState } from '../database';
import { changeWriteBackState } from './settleWriteBack';

/** A write-back in the dead-letter list, as `govgraph exchange deadletters` shows it. */
export interface DeadWriteBack {
  eventId: string;
  applicationId: string;
  department: string;
  event: string;
  attempts: number;
  /** Why the last delivery failed (ID numbers and phones masked). */
  lastError: string | null;
  /** When it was given up. */
  since: string;
}

/** The dead write-backs, oldest first. */
export async function listDeadWriteBacks(db: Kysely<ServicesDatabase>, limit: number): Promise<DeadWriteBack[]> {
  const rows = await db
    .selectFrom('write_backs')
    .select(['id', 'application_id', 'department', 'event', 'attempts', 'last_error', 'state_at'])
    .where('state', '=', 'dead')
    .orderBy('state_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    eventId: row.id,
    applicationId: row.application_id,
    department: row.department,
    event: row.event,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    since: row.state_at,
  }));
}

export type ReplayResult = { kind: 'replayed'; writeBack: Omit<DeadWriteBack, 'attempts' | 'since'> } | { kind: 'unknown' } | { kind: 'not-dead'; state: WriteBackRowState };

/**
 * Puts a dead write-back back in the outbox: pending, no attempts, due now, with a WRITE_BACK
 * update in the application's feed; the running relay delivers it again (the owning
 * department applies an id once, so a write-back that did arrive changes nothing twice). Only
 * a dead one: an applied or refused write-back is settled, a pending one on its way.
 */
export async function replayWriteBack(db: Kysely<ServicesDatabase>, id: string): Promise<ReplayResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('write_backs').select(['id', 'application_id', 'department', 'event', 'state', 'last_error']).where('id', '=', id).executeTakeFirst();
    if (!row) return { kind: 'unknown' };
    const now = new Date().toISOString();
    const moved = row.state === 'dead' && (await changeWriteBackState(trx, id, 'dead', { state: 'pending', at: now, attempts: 0, nextAttemptAt: now, lastError: null }));
    if (!moved) return { kind: 'not-dead', state: row.state === 'dead' ? 'pending' : row.state };
    return { kind: 'replayed', writeBack: { eventId: row.id, applicationId: row.application_id, department: row.department, event: row.event, lastError: row.last_error } };
  });
}
