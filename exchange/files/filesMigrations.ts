import { Migrator, PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * The files source's tables, portable between SQLite and PostgreSQL. They are applied by
 * `migrateFilesTables` with a bookkeeping table of their own (`files_migration`), like the
 * kit's, so the running department and `govgraph exchange load` can both apply them without
 * knowing the department's own migrations; every statement is `if not exists`, so a
 * department that lists them among its own as well does no harm. Never edit one that has shipped.
 */
export const filesMigrations: Record<string, Migration> = {
  '0001_files_loads': {
    async up(db: Kysely<any>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('files_loads')
        .ifNotExists()
        .addColumn('id', postgres ? 'serial' : 'integer', (c) => c.primaryKey())
        .addColumn('dataset', 'text')
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('stored_as', 'text')
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('header', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('loaded_at', 'text', (c) => c.notNull())
        .addColumn('rows_loaded', 'integer', (c) => c.notNull())
        .addColumn('rows_quarantined', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema.createIndex('files_loads_dataset_idx').ifNotExists().on('files_loads').columns(['dataset', 'id']).execute();
      await db.schema
        .createTable('files_quarantine')
        .ifNotExists()
        .addColumn('load_id', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('files_quarantine_pk', ['load_id', 'line'])
        .execute();
      await db.schema
        .createTable('files_rows')
        .ifNotExists()
        .addColumn('dataset', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('files_rows_pk', ['dataset', 'version', 'position'])
        .execute();
      // A lookup: the current version's rows for a batch of keys.
      await db.schema.createIndex('files_rows_key_idx').ifNotExists().on('files_rows').columns(['dataset', 'version', 'key']).execute();
      await db.schema
        .createTable('files_versions')
        .ifNotExists()
        .addColumn('dataset', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('switched_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['files_versions', 'files_rows', 'files_quarantine', 'files_loads']) await db.schema.dropTable(table).ifExists().execute();
    },
  },
  '0002_files_pulls': {
    async up(db: Kysely<any>) {
      // What a pull from an SFTP server took, so that a restart does not take it again: a file
      // is the same while its name, size and modification time on the server are.
      await db.schema
        .createTable('files_pulls')
        .ifNotExists()
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('mtime', 'text', (c) => c.notNull())
        .addColumn('pulled_at', 'text', (c) => c.notNull())
        .addColumn('stored_as', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('files_pulls_pk', ['origin', 'name', 'size', 'mtime'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('files_pulls').ifExists().execute();
    },
  },
};

/** Applies `filesMigrations` with their own bookkeeping (`files_migration`); `schema` is the department's PostgreSQL schema. */
export async function migrateFilesTables(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => filesMigrations },
    migrationTableSchema: schema,
    migrationTableName: 'files_migration',
    migrationLockTableName: 'files_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`files source: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
