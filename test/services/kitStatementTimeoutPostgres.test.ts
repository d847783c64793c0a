import { Pool } from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

describeWithPostgres('statement time on PostgreSQL', () => {
  const schema = uniqueSchema('timing');
  let database: DepartmentDatabase<unknown>;

  beforeAll(async () => {
    database = await openDatabase({ department: 'timing', url: POSTGRES_URL, schema, statementTimeoutMs: 200 });
  });

  afterAll(async () => {
    await database?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('a statement that runs past statementTimeoutMs → cancelled by the server', async () => {
    await expect(sql`select pg_sleep(2)`.execute(database.db)).rejects.toThrow(/statement timeout/);
  });

  it('a statement within it → answered', async () => {
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });
});
