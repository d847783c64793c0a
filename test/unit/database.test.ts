import { openDatabase } from '../../subgraphs/kit';
import { redactDatabaseUrl } from '../../subgraphs/kit/database/redactDatabaseUrl';

describe('department databases', () => {
  it('hides the password when printing a database URL', () => {
    expect(redactDatabaseUrl('postgres://clerk:s3cret@db.internal:5432/registry')).toBe('postgres://clerk:***@db.internal:5432/registry');
  });

  it('unreachable PostgreSQL → start-up error naming the department and the URL without its password', async () => {
    const attempt = openDatabase({ department: 'population', url: 'postgres://clerk:s3cret@127.0.0.1:1/registry' });
    await expect(attempt).rejects.toThrow(/^population: cannot reach its database at postgres:\/\/clerk:\*\*\*@127\.0\.0\.1:1\/registry/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('counts the SQL statements a department runs', async () => {
    const database = await openDatabase({ department: 'counting', file: ':memory:' });
    const before = database.statementCount();
    await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    expect(database.statementCount()).toBe(before + 1);
    await database.close();
  });
});
