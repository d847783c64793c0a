import type { Kysely } from 'kysely';
import type { WriteBackOutcome } from '../../../schema/contracts/writeBack';
import type { ServicesDatabase } from '../database';
import { changeWriteBackState, keptText } from './settleWriteBack';

/** What recording an outcome did. */
export type OutcomeRecorded =
  /** The write-back moved to the outcome's state. */
  | 'settled'
  /** It was already applied or refused: a repeated outcome changes nothing. */
  | 'unchanged'
  /** No write-back has this id, or it is another department's: ignored. */
  | 'unknown';

/** An outcome as the contract shapes it, or why not. */
export function checkOutcome(value: unknown): { outcome: WriteBackOutcome } | { why: string } {
  const o = value as Partial<WriteBackOutcome> | null;
  if (!o || typeof o !== 'object') return { why: 'it is not an object' };
  if (typeof o.eventId !== 'string' || o.eventId === '') return { why: 'it has no eventId' };
  if (typeof o.department !== 'string' || o.department === '') return { why: 'it has no department' };
  if (o.state !== 'applied' && o.state !== 'refused') return { why: `its state is ${JSON.stringify(o.state)}, not applied or refused` };
  if (o.reason !== null && o.reason !== undefined && typeof o.reason !== 'string') return { why: 'its reason is not a text' };
  if (o.record !== null && o.record !== undefined && (typeof o.record !== 'object' || typeof o.record.type !== 'string' || typeof o.record.key !== 'string')) {
    return { why: 'its record is not { type, key }' };
  }
  return {
    outcome: { eventId: o.eventId, department: o.department, state: o.state, reason: o.reason ?? null, record: o.record ?? null, at: typeof o.at === 'string' ? o.at : '' },
  };
}

/**
 * Records what the owning department decided, at most once: a pending write-back (or a dead
 * one: the department's answer is the truth, whatever the relay gave up on) becomes applied
 * or refused, with a WRITE_BACK update; one already applied or refused stays as it is.
 */
export async function recordOutcome(db: Kysely<ServicesDatabase>, outcome: WriteBackOutcome): Promise<OutcomeRecorded> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('write_backs').select(['state', 'department']).where('id', '=', outcome.eventId).executeTakeFirst();
    if (!row || row.department !== outcome.department) return 'unknown';
    if (row.state === 'applied' || row.state === 'refused') return 'unchanged';
    const decidedAt = Number.isNaN(Date.parse(outcome.at)) ? new Date().toISOString() : new Date(outcome.at).toISOString();
    const moved = await changeWriteBackState(trx, outcome.eventId, row.state, {
      state: outcome.state,
      at: decidedAt,
      reason: outcome.state === 'refused' ? (keptText(outcome.reason) ?? 'refused without a reason') : null,
      record: outcome.state === 'applied' && outcome.record ? keptText(`${outcome.record.type} ${outcome.record.key}`.slice(0, 200)) : null,
      lastError: outcome.state === 'applied' ? null : undefined,
    });
    return moved ? 'settled' : 'unchanged';
  });
}
