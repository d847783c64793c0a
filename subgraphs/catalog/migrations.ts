import type { Kysely, Migration } from 'kysely';

/** Applied in name order; portable across SQLite and PostgreSQL. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_create_access_applications': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('access_applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('applicant', 'text', (c) => c.notNull())
        .addColumn('applicant_department', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('coordinates', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('legal_basis', 'text', (c) => c.notNull())
        .addColumn('until', 'text', (c) => c.notNull())
        .addColumn('case_bound', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('reason', 'text')
        .execute();
      // Officers list what their department provides or asked for.
      await db.schema.createIndex('access_applications_provider_idx').on('access_applications').column('provider').execute();
      await db.schema.createIndex('access_applications_applicant_department_idx').on('access_applications').column('applicant_department').execute();
      await db.schema.createIndex('access_applications_applicant_idx').on('access_applications').column('applicant').execute();
      await db.schema
        .createTable('access_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().unique().references('access_applications.id'))
        .addColumn('grantee', 'text', (c) => c.notNull())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('coordinates', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('until', 'text', (c) => c.notNull())
        .addColumn('case_bound', 'integer', (c) => c.notNull())
        .addColumn('approved_by', 'text', (c) => c.notNull())
        .addColumn('approved_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('revoke_reason', 'text')
        .execute();
      await db.schema
        .createTable('access_events')
        .addColumn('application_id', 'text', (c) => c.notNull().references('access_applications.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('actor_department', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        // Also the index of AccessApplication.history; two writers cannot append the same step.
        .addPrimaryKeyConstraint('access_events_pk', ['application_id', 'seq'])
        .execute();
      await db.schema
        .createTable('catalog_counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['catalog_counters', 'access_events', 'access_grants', 'access_applications']) await db.schema.dropTable(table).execute();
    },
  },
};
