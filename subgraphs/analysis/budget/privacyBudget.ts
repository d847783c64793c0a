import type { Kysely } from 'kysely';
import { CODES, requestError } from '../../kit';
import type { AnalysisDatabase } from '../database';
import { beijingDay } from './beijingDay';

const MICRO = 1_000_000;
const micro = (epsilon: number): number => Math.round(epsilon * MICRO);

export interface BudgetState {
  epsilonLimit: number;
  epsilonSpent: number;
  epsilonRemaining: number;
  resetsAt: string;
}

/** What `sub` has spent today (Beijing time) against `limit`. */
export async function readBudget(db: Kysely<AnalysisDatabase>, sub: string, limit: number, now: Date): Promise<BudgetState> {
  const { day, resetsAt } = beijingDay(now);
  const row = await db.selectFrom('analysis_budget').select('spent_micro').where('sub', '=', sub).where('day', '=', day).executeTakeFirst();
  const spent = Number(row?.spent_micro ?? 0) / MICRO;
  return { epsilonLimit: limit, epsilonSpent: spent, epsilonRemaining: Math.max(0, Math.round((limit - spent) * MICRO) / MICRO), resetsAt };
}

/**
 * Spends `epsilon` of `sub`'s budget for today, before the figure is answered: one conditional
 * update (its own transaction), so two queries at once cannot both spend the last of it. PRIVACY_BUDGET_EXHAUSTED,
 * spending nothing, when it would go over `limit`.
 */
export async function spendBudget(db: Kysely<AnalysisDatabase>, sub: string, epsilon: number, limit: number, now: Date): Promise<void> {
  const { day, resetsAt } = beijingDay(now);
  const row = await db.selectFrom('analysis_budget').select('sub').where('sub', '=', sub).where('day', '=', day).executeTakeFirst();
  if (!row) {
    try {
      await db.insertInto('analysis_budget').values({ sub, day, spent_micro: 0 }).execute();
    } catch {
      // Inserted meanwhile by another query of the same reader: the update below decides.
    }
  }
  // One statement, its own transaction: the spend is recorded only if it fits.
  const updated = await db
    .updateTable('analysis_budget')
    .set((eb) => ({ spent_micro: eb('spent_micro', '+', micro(epsilon)) }))
    .where('sub', '=', sub)
    .where('day', '=', day)
    .where((eb) => eb(eb('spent_micro', '+', micro(epsilon)), '<=', micro(limit)))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return;
  const state = await readBudget(db, sub, limit, now);
  throw requestError(
    CODES.PRIVACY_BUDGET_EXHAUSTED,
    `This figure would spend epsilon ${epsilon} of your privacy budget, and ${state.epsilonRemaining} of ${limit} is left today; it renews at ${resetsAt}.`,
    { epsilonRemaining: state.epsilonRemaining, resetsAt },
  );
}
