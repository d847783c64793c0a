import { Pool } from 'pg';
import { seedWorld } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

const SEED = { seed: 7, scale: 0.05 };

describeWithPostgres('licenses on PostgreSQL', () => {
  const schema = uniqueSchema('licenses');
  let running: TestSubgraph;

  beforeAll(async () => {
    running = await startTestSubgraph(licenses, { port: 0, databaseUrl: POSTGRES_URL, databaseSchema: schema, seedIfEmpty: SEED });
  });

  afterAll(async () => {
    await running?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('seeded schema → licenses pages through every license in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let hasNextPage = true; hasNextPage;) {
      const { body }: any = await running.request(
        'query ($after: String) { licenses(first: 60, after: $after) { edges { node { licenseNo } } pageInfo { hasNextPage endCursor } totalCount } }',
        { after },
      );
      seen.push(...body.data.licenses.edges.map((e: any) => e.node.licenseNo));
      ({ hasNextPage, endCursor: after } = body.data.licenses.pageInfo);
    }
    expect(seen).toHaveLength(seedWorld(SEED).volumes.licenses);
    expect([...seen].sort()).toEqual(seen);
  });

  it('Person.licenses for every person → one SQL statement', async () => {
    const persons = seedWorld(SEED).personIds;
    const before = running.database.statementCount();
    const { body } = await running.request(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { licenses { licenseNo kind holder { ... on Person { idNumber } } } } } }',
      {
        r: persons.map((idNumber) => ({ __typename: 'Person', idNumber })),
      },
    );
    expect(running.database.statementCount() - before).toBe(1);
    const held = body.data._entities.flatMap((p: any, i: number) => p.licenses.map((l: any) => [l.holder.idNumber, persons[i]]));
    expect(held.length).toBeGreaterThan(0);
    expect(held.every(([holder, person]: string[]) => holder === person)).toBe(true);
  });
});
