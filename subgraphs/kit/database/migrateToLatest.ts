import { Migrator, type Kysely, type Migration } from 'kysely';
import { KIT_MIGRATIONS } from './kitMigrations';

/**
 * Applies the department's migrations in name order, then the kit's own (the disclosure
 * log's table) with their own bookkeeping; throws naming the one that failed.
 */
export async function migrateToLatest(department: string, db: Kysely<any>, migrations: Record<string, Migration>, schema?: string): Promise<void> {
  await migrate(department, 'migration', db, migrations, schema);
  await migrate(department, 'kit migration', db, KIT_MIGRATIONS, schema, { migrationTableName: 'kit_migration', migrationLockTableName: 'kit_migration_lock' });
}

async function migrate(
  department: string,
  what: string,
  db: Kysely<any>,
  migrations: Record<string, Migration>,
  schema: string | undefined,
  tables: { migrationTableName?: string; migrationLockTableName?: string } = {},
): Promise<void> {
  // On PostgreSQL the bookkeeping table must live in the department's own schema: without
  // it, Kysely finds another department's table through the catalog and skips creating one.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema, ...tables });
  let { error, results } = await migrator.migrateToLatest();
  // Before applying anything, Kysely looks for its bookkeeping table through every schema of
  // the database; a schema another user drops meanwhile fails that look-up. Nothing was
  // applied then (no results), so looking again is safe.
  for (let attempt = 1; error && !results?.length && droppedMeanwhile(error, schema) && attempt <= 3; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    ({ error, results } = await migrator.migrateToLatest());
  }
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${department}: ${what} ${failed} failed: ${reason}`);
  }
}

/** True when the error is PostgreSQL's "schema … does not exist" about a schema other than ours. */
function droppedMeanwhile(error: unknown, schema: string | undefined): boolean {
  const match = /schema "([^"]+)" does not exist/.exec(error instanceof Error ? error.message : String(error));
  return match !== null && match[1] !== schema;
}
