import { Migrator, type Kysely, type Migration } from 'kysely';

/** Applies the department's migrations in name order; throws naming the one that failed. */
export async function migrateToLatest(department: string, db: Kysely<any>, migrations: Record<string, Migration>, schema?: string): Promise<void> {
  // On PostgreSQL the bookkeeping table must live in the department's own schema: without
  // it, Kysely finds another department's table through the catalog and skips creating one.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${department}: migration ${failed} failed: ${reason}`);
  }
}
