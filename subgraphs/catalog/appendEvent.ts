import type { Transaction } from 'kysely';
import type { AccessEventKind, CatalogDatabase } from './database';
import type { Staff } from './context';

/** Appends a step to an application's history (`access_events`); call inside the step's transaction. */
export async function appendEvent(trx: Transaction<CatalogDatabase>, applicationId: string, kind: AccessEventKind, actor: Staff, at: string, reason: string | null): Promise<void> {
  const last = await trx
    .selectFrom('access_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  await trx
    .insertInto('access_events')
    .values({ application_id: applicationId, seq: Number(last?.seq ?? 0) + 1, kind, actor: actor.sub, actor_department: actor.dept, at, reason })
    .execute();
}
