import { CODES, requestError } from '../kit';
import type { ApplicationStatus } from './database';
import { actorOf, type ServicesContext } from './context';
import { appendEvent, readApplication, refreshLoaders } from './applicationStore';
import type { ApplicationRecord } from './records';
import { appendApplicationUpdates, caseOwnersOf, statusUpdate } from './updates/appendApplicationUpdates';
import { writeCompletionOutbox } from './writeBack/writeCompletionOutbox';
import { FEEDBACK_STATUSES, TRANSITIONS, type Step } from './workflow';

function invalidTransition(application: ApplicationRecord, wanted: string, allowedFrom: readonly ApplicationStatus[]) {
  return requestError(CODES.INVALID_TRANSITION, `Application ${application.id} is ${application.status}; it can be ${wanted} only when ${allowedFrom.join(' or ')}.`, {
    currentStatus: application.status,
  });
}

const PARTICIPLES: Record<Step, string> = { ACCEPT: 'accepted', APPROVE: 'approved', REJECT: 'rejected', COMPLETE: 'completed' };

/**
 * Moves an application one step along the workflow and records the step, in one
 * transaction. The UPDATE only matches the expected status, so of two concurrent steps
 * on the same application at most one succeeds; a refused step changes nothing. The new
 * status is an update in the applicant's feed; completing also writes the outbox (the
 * write-backs its item declares), in the same transaction, and wakes the relay.
 */
export async function applyStep(ctx: ServicesContext, id: string, step: Step, comment: string | null): Promise<ApplicationRecord> {
  const { from, to } = TRANSITIONS[step];
  let pending = 0;
  const application = await ctx.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const updated = await trx.updateTable('applications').set({ status: to, updated_at: at }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      throw invalidTransition(await readApplication(trx, id), PARTICIPLES[step], [from]);
    }
    const actor = actorOf(ctx);
    await appendEvent(trx, id, step, actor, at, comment);
    const current = await readApplication(trx, id);
    const owners = await caseOwnersOf(trx, id);
    const update = statusUpdate(id, owners, to, at);
    if (step === 'COMPLETE') {
      const { declarations, signingKey } = ctx.services;
      pending = await writeCompletionOutbox(trx, { application: current, owners, actor, at, declarations, signingKey }, update);
    } else await appendApplicationUpdates(trx, [update]);
    return current;
  });
  if (pending > 0) ctx.services.relay.wake();
  return refreshLoaders(ctx.loaders, application);
}

/** Records the applicant's rating of a closed case: once, on COMPLETED or REJECTED. */
export async function leaveFeedback(ctx: ServicesContext, id: string, rating: number, comment: string | null): Promise<ApplicationRecord> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw requestError(CODES.BAD_USER_INPUT, `A rating is a whole number from 1 to 5, not ${rating}.`, { argument: 'rating' });
  }
  const application = await ctx.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    // Touching the row takes its lock, so two feedbacks on one case are serialised.
    const touched = await trx.updateTable('applications').set({ updated_at: at }).where('id', '=', id).where('status', 'in', FEEDBACK_STATUSES).executeTakeFirst();
    if (Number(touched.numUpdatedRows) !== 1) {
      throw invalidTransition(await readApplication(trx, id), 'given feedback', FEEDBACK_STATUSES);
    }
    const existing = await trx.selectFrom('feedback').select('application_id').where('application_id', '=', id).executeTakeFirst();
    if (existing) {
      const current = await readApplication(trx, id);
      throw requestError(CODES.INVALID_TRANSITION, `Application ${id} already has feedback; it can be given only once.`, { currentStatus: current.status });
    }
    await trx.insertInto('feedback').values({ application_id: id, rating, comment, at }).execute();
    await appendEvent(trx, id, 'FEEDBACK', actorOf(ctx), at, comment);
    const current = await readApplication(trx, id);
    // The status stays; the feedback is still news to whoever follows the case.
    await appendApplicationUpdates(trx, [statusUpdate(id, await caseOwnersOf(trx, id), current.status, at)]);
    return current;
  });
  return refreshLoaders(ctx.loaders, application);
}
