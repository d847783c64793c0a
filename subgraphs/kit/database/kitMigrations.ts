import { PostgresAdapter, type Kysely, type Migration } from 'kysely';
import { DISCLOSURES_TABLE } from '../disclosures/disclosuresTable';
import { WRITE_BACKS_TABLE } from '../writeBack/writeBacksTable';

/**
 * Tables the kit keeps in every department's database, applied in name order by
 * `migrateToLatest` after the department's own migrations. They are tracked in a
 * bookkeeping table of their own (`kit_migration`), so a department's migration names and
 * the kit's never have to sort around each other. Never edit one that has shipped.
 */
export const KIT_MIGRATIONS: Record<string, Migration> = {
  '0001_create_disclosures': {
    async up(db: Kysely<any>) {
      // An auto-assigned, ever-growing id orders the log newest first. SQLite assigns an
      // `integer primary key` itself; PostgreSQL needs a sequence.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable(DISCLOSURES_TABLE)
        .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => c.primaryKey())
        .addColumn('disclosed_at', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('record_type', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('reader_sub', 'text')
        .addColumn('reader_roles', 'text', (c) => c.notNull())
        .addColumn('reader_dept', 'text')
        .addColumn('purpose', 'text')
        .addColumn('case_id', 'text')
        .addColumn('masked', 'integer', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .execute();
      // "Who read this citizen's records", newest first: myDisclosures and disclosures(subject).
      await db.schema.createIndex(`${DISCLOSURES_TABLE}_subject_idx`).on(DISCLOSURES_TABLE).columns(['subject', 'id']).execute();
      // From an audit ledger record to what the departments returned for it.
      await db.schema.createIndex(`${DISCLOSURES_TABLE}_request_idx`).on(DISCLOSURES_TABLE).column('request_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable(DISCLOSURES_TABLE).execute();
    },
  },
  '0002_disclosures_from_cache': {
    async up(db: Kysely<any>) {
      // A row copied for a reader the gateway answered from its cache (`POST /disclosures/replay`):
      // `from_cache` 1, `cached_from` the request whose answer was reused, `cached_row_id` the
      // row copied. Rows written before keep 0 and nulls. One column per statement: SQLite
      // adds no more at once.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .alterTable(DISCLOSURES_TABLE)
        .addColumn('from_cache', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable(DISCLOSURES_TABLE).addColumn('cached_from', 'text').execute();
      await db.schema
        .alterTable(DISCLOSURES_TABLE)
        .addColumn('cached_row_id', postgres ? 'bigint' : 'integer')
        .execute();
      // A row is copied once per new request, however often the gateway asks (a retry, two at
      // once): the copy's insert skips a row already copied. Partial, so the log's ordinary
      // writes (null here) add nothing to it.
      await db.schema
        .createIndex(`${DISCLOSURES_TABLE}_replay_idx`)
        .on(DISCLOSURES_TABLE)
        .columns(['request_id', 'cached_row_id'])
        .unique()
        .where('cached_row_id', 'is not', null)
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex(`${DISCLOSURES_TABLE}_replay_idx`).execute();
      for (const column of ['cached_row_id', 'cached_from', 'from_cache']) await db.schema.alterTable(DISCLOSURES_TABLE).dropColumn(column).execute();
    },
  },
  '0003_disclosure_action': {
    async up(db: Kysely<any>) {
      // What the department did with the record: `read` (returned it to a reader, every row
      // written before) or `write` (changed it for a completed application's write-back).
      await db.schema
        .alterTable(DISCLOSURES_TABLE)
        .addColumn('action', 'text', (c) => c.notNull().defaultTo('read'))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable(DISCLOSURES_TABLE).dropColumn('action').execute();
    },
  },
  '0004_create_write_backs': {
    async up(db: Kysely<any>) {
      // The write-back inbox: the event id is the primary key, so an event is decided once,
      // however often (or however concurrently) it is delivered.
      await db.schema
        .createTable(WRITE_BACKS_TABLE)
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('event', 'text')
        .addColumn('from_department', 'text')
        .addColumn('action', 'text')
        .addColumn('application_id', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('record_type', 'text')
        .addColumn('record_key', 'text')
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable(WRITE_BACKS_TABLE).execute();
    },
  },
};
