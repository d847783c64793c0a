import type { Transaction } from 'kysely';
import type { ServicesDatabase } from './database';

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** APP-2026-000001: numbered per year (Beijing time); the counter row's lock keeps numbers unique. */
export async function nextApplicationId(trx: Transaction<ServicesDatabase>, at: Date): Promise<string> {
  const year = String(new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear());
  await trx
    .insertInto('application_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const counter = await trx
    .updateTable('application_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatApplicationId(year, Number(counter.last));
}

export function formatApplicationId(year: string, number: number): string {
  return `APP-${year}-${String(number).padStart(6, '0')}`;
}
