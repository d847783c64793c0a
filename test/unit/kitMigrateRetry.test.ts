import type { KyselyPlugin, Migration } from 'kysely';
import { openDatabase } from '../../subgraphs/kit';
import { migrateToLatest } from '../../subgraphs/kit/database/migrateToLatest';

/**
 * On a shared PostgreSQL, Kysely's first look for its bookkeeping table can meet a schema
 * another department is dropping at that moment. Nothing is applied then, so the kit looks
 * again; any other failure is reported at once.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_things': { up: async (db) => void (await db.schema.createTable('things').addColumn('id', 'text').execute()) },
};

/** Fails the first `times` queries with `message`, then lets every query through. */
function failingFirst(times: number, message: string): KyselyPlugin & { failed: number } {
  return {
    failed: 0,
    transformQuery(args) {
      if (this.failed < times) {
        this.failed++;
        throw new Error(message);
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

describe('kit migrations meeting a dropped schema', () => {
  it("another department's schema gone during the first look → looked again, migrations applied", async () => {
    const { db, close } = await openDatabase<any>({ department: 'retry', file: ':memory:' });
    try {
      const plugin = failingFirst(1, 'schema "pg_temp_other" does not exist');
      await migrateToLatest('retry', db.withPlugin(plugin), MIGRATIONS);
      expect(plugin.failed).toBe(1);
      expect(await db.selectFrom('things').selectAll().execute()).toEqual([]);
    } finally {
      await close();
    }
  });

  it('any other failure → reported at once, naming the department', async () => {
    const { db, close } = await openDatabase<any>({ department: 'retry', file: ':memory:' });
    try {
      const plugin = failingFirst(1, 'permission denied for database test');
      await expect(migrateToLatest('retry', db.withPlugin(plugin), MIGRATIONS)).rejects.toThrow(/^retry: migration .* failed: permission denied for database test/);
      expect(plugin.failed).toBe(1);
    } finally {
      await close();
    }
  });
});
