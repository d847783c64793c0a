import type { Kysely, Migration } from 'kysely';

/** Applied in name order; never edit one that has shipped, add the next instead. */
export const migrations: Record<string, Migration> = {
  '2024_01_01_000_create_enterprises': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('enterprises')
        .addColumn('credit_code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('registered_capital', 'double precision', (c) => c.notNull())
        .addColumn('established_on', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('business_scope', 'text', (c) => c.notNull())
        .addColumn('legal_representative_id', 'text', (c) => c.notNull())
        .execute();
      // Person.enterprises looks enterprises up by their representative.
      await db.schema.createIndex('enterprises_legal_representative_id_idx').on('enterprises').column('legal_representative_id').execute();
      // `nameContains` is an infix LIKE, which no B-tree can seek; the index still lets the
      // filtered count scan the small name index instead of the whole table.
      await db.schema.createIndex('enterprises_name_idx').on('enterprises').column('name').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('enterprises').execute();
    },
  },
};
