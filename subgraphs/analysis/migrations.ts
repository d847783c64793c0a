import type { Kysely, Migration } from 'kysely';

/** Applied in name order; portable across SQLite, PostgreSQL and MariaDB. Never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_create_analysis_budget': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analysis_budget')
        .addColumn('sub', 'varchar(128)', (c) => c.notNull())
        .addColumn('day', 'varchar(10)', (c) => c.notNull())
        .addColumn('spent_micro', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('analysis_budget_pk', ['sub', 'day'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('analysis_budget').execute();
    },
  },
};
