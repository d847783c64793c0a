import type { Kysely, Migration } from 'kysely';

/** Applied in name order; portable across SQLite and PostgreSQL. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_create_licenses': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('licenses')
        .addColumn('license_no', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('holder_kind', 'text', (c) => c.notNull())
        .addColumn('holder_id', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
      // Person.licenses and Enterprise.licenses look licenses up by holder.
      await db.schema.createIndex('licenses_holder_idx').on('licenses').columns(['holder_kind', 'holder_id']).execute();
      // Query.licenses filters by kind or status and pages in license-number order.
      await db.schema.createIndex('licenses_kind_idx').on('licenses').columns(['kind', 'license_no']).execute();
      await db.schema.createIndex('licenses_status_idx').on('licenses').columns(['status', 'license_no']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('licenses').execute();
    },
  },
};
