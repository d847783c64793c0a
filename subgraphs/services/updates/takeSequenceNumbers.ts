import type { Transaction } from 'kysely';
import type { ServicesDatabase } from '../database';

/**
 * Takes the next `count` numbers of the `updates` sequence, inside the caller's transaction.
 * The counter row's UPDATE locks it until the transaction ends (PostgreSQL; SQLite runs one
 * writer at a time), so a transaction that took a number commits before any that took a later
 * one: a follower reading `after` its cursor never skips a number that commits later.
 * Call it last in the transaction, to hold the lock briefly.
 */
export async function takeSequenceNumbers(trx: Transaction<ServicesDatabase>, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const row = await trx
    .updateTable('services_sequences')
    .set((eb) => ({ last: eb('last', '+', count) }))
    .where('name', '=', 'updates')
    .returning('last')
    .executeTakeFirstOrThrow();
  const last = Number(row.last);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
