import { Pool } from 'pg';
import { isValidResidentIdNumber } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

describeWithPostgres('population on PostgreSQL', () => {
  const schema = uniqueSchema('population');
  let running: TestSubgraph;

  beforeAll(async () => {
    running = await startTestSubgraph(population, { port: 0, databaseUrl: POSTGRES_URL, databaseSchema: schema, seedIfEmpty: { seed: 7, scale: 0.05 } });
  });

  afterAll(async () => {
    await running?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('seeded database → people pages through every person with valid ID numbers', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let hasNextPage = true; hasNextPage;) {
      const { body }: any = await running.request(
        'query ($after: String) { people(first: 30, after: $after) { edges { node { idNumber } } pageInfo { hasNextPage endCursor } totalCount } }',
        { after },
      );
      seen.push(...body.data.people.edges.map((e: any) => e.node.idNumber));
      ({ hasNextPage, endCursor: after } = body.data.people.pageInfo);
      totalCount = body.data.people.totalCount;
    }
    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(totalCount);
    expect(seen.every(isValidResidentIdNumber)).toBe(true);
  });

  it('nameContains with a wildcard character → matched literally', async () => {
    const { body } = await running.request('{ people(nameContains: "%") { totalCount } }');
    expect(body).toEqual({ data: { people: { totalCount: 0 } } });
  });

  it('Person representations → the persons in one SQL statement', async () => {
    const page = await running.request('{ people(first: 50) { edges { node { idNumber name } } } }');
    const persons = page.body.data.people.edges.map((e: any) => e.node);
    const before = running.database.statementCount();
    const { body } = await running.request('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name } } }', {
      r: persons.map((p: any) => ({ __typename: 'Person', idNumber: p.idNumber })),
    });
    expect(body.data._entities).toEqual(persons);
    expect(running.database.statementCount() - before).toBe(1);
  });
});
