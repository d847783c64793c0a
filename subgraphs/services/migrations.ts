import type { Kysely, Migration } from 'kysely';

/** Applied in name order; portable across SQLite and PostgreSQL. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_create_service_platform': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('service_items')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('required_licenses', 'text', (c) => c.notNull())
        .addColumn('time_limit_days', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('item_code', 'text', (c) => c.notNull().references('service_items.code'))
        .addColumn('applicant_id_number', 'text', (c) => c.notNull())
        .addColumn('enterprise_credit_code', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Person.applications looks applications up by applicant; ServiceItem joins by item.
      await db.schema.createIndex('applications_applicant_idx').on('applications').column('applicant_id_number').execute();
      await db.schema.createIndex('applications_item_idx').on('applications').column('item_code').execute();
      await db.schema
        .createTable('application_events')
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        // Also the index of Application.events; two writers cannot append the same step.
        .addPrimaryKeyConstraint('application_events_pk', ['application_id', 'seq'])
        .execute();
      await db.schema
        .createTable('feedback')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
        .addColumn('rating', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('application_counters')
        .addColumn('year', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['application_counters', 'feedback', 'application_events', 'applications', 'service_items']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  '0002_service_item_handling_department': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('service_items').addColumn('handled_by', 'text').execute();
      // The agencies on the platform when this shipped; later ones are set by whoever adds them.
      for (const [agency, department] of [
        ['市场监督管理局', 'market'],
        ['公安局', 'population'],
      ]) {
        await db.updateTable('service_items').set({ handled_by: department }).where('department', '=', agency).execute();
      }
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('service_items').dropColumn('handled_by').execute();
    },
  },
  '0003_write_back_outbox_and_updates': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('application_details')
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('application_details_pk', ['application_id', 'name'])
        .execute();
      await db.schema
        .createTable('write_backs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('item_code', 'text', (c) => c.notNull())
        .addColumn('department', 'text', (c) => c.notNull())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('sealed', 'text', (c) => c.notNull())
        .addColumn('applicant', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('reason', 'text')
        .addColumn('record', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('state_at', 'text', (c) => c.notNull())
        .addColumn('decided_seq', 'integer')
        .execute();
      // The relay's poll (pending and due), Application.writeBacks, and the gateway's feed of settled ones.
      await db.schema.createIndex('write_backs_due_idx').on('write_backs').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('write_backs_application_idx').on('write_backs').columns(['application_id', 'n']).execute();
      await db.schema.createIndex('write_backs_decided_idx').on('write_backs').column('decided_seq').execute();
      await db.schema
        .createTable('application_updates')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
        .addColumn('applicant', 'text', (c) => c.notNull())
        .addColumn('handled_by', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text')
        .addColumn('write_back_id', 'text')
        .addColumn('state', 'text')
        .addColumn('attempts', 'integer')
        .addColumn('reason', 'text')
        .addColumn('record', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      // A resident's own feed, and a handling department's.
      await db.schema.createIndex('application_updates_applicant_idx').on('application_updates').columns(['applicant', 'seq']).execute();
      await db.schema.createIndex('application_updates_handled_by_idx').on('application_updates').columns(['handled_by', 'seq']).execute();
      await db.schema
        .createTable('services_sequences')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last', 'integer', (c) => c.notNull())
        .execute();
      await db.insertInto('services_sequences').values({ name: 'updates', last: 0 }).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['services_sequences', 'application_updates', 'write_backs', 'application_details']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};
