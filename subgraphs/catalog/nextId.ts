import type { Transaction } from 'kysely';
import type { CatalogDatabase } from './database';

const PREFIXES = { application: 'AA', grant: 'G' } as const;

export type IdKind = keyof typeof PREFIXES;

export function formatId(kind: IdKind, number: number): string {
  return `${PREFIXES[kind]}-${String(number).padStart(6, '0')}`;
}

/** AA-000001, G-000001: the counter row's lock keeps numbers unique and never reused. */
export async function nextId(trx: Transaction<CatalogDatabase>, kind: IdKind): Promise<string> {
  await trx
    .insertInto('catalog_counters')
    .values({ name: kind, last: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const counter = await trx
    .updateTable('catalog_counters')
    .set((eb) => ({ last: eb('last', '+', 1) }))
    .where('name', '=', kind)
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatId(kind, Number(counter.last));
}
