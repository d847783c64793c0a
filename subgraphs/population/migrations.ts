import type { Kysely, Migration } from 'kysely';

/** Applied in name order; never edit one that has shipped, add the next instead. */
export const migrations: Record<string, Migration> = {
  '2024_01_01_000_create_persons': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('persons')
        .addColumn('id_number', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('gender', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('ethnicity', 'text', (c) => c.notNull())
        .addColumn('household_address', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .execute();
      // `nameContains` is an infix LIKE, which no B-tree can seek; the index still lets the
      // filtered count scan the small (name, rowid) index instead of the whole table.
      await db.schema.createIndex('persons_name_idx').on('persons').column('name').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('persons').execute();
    },
  },
};
