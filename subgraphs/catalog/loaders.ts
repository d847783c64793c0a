import type { Kysely } from 'kysely';
import { createEntityLoader, createGroupLoader } from '../kit';
import type { CatalogDatabase } from './database';
import { toApplicationRecord, toEventRecord, toGrantRecord } from './records';

export type CatalogLoaders = ReturnType<typeof createLoaders>;

/** Per-request loaders: each batch of keys costs one SQL statement. */
export function createLoaders(db: Kysely<CatalogDatabase>) {
  return {
    application: createEntityLoader(
      async (ids: readonly string[]) => (await db.selectFrom('access_applications').selectAll().where('id', 'in', ids).execute()).map(toApplicationRecord),
      (application) => application.id,
    ),
    grantOfApplication: createEntityLoader(
      async (ids: readonly string[]) => (await db.selectFrom('access_grants').selectAll().where('application_id', 'in', ids).execute()).map(toGrantRecord),
      (grant) => grant.applicationId,
    ),
    historyOfApplication: createGroupLoader(
      async (ids: readonly string[]) =>
        (await db.selectFrom('access_events').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('seq').execute()).map(toEventRecord),
      (event) => event.applicationId,
    ),
  };
}
