import { Pool } from 'pg';
import { isValidCreditCode } from '../../subgraphs/kit';
import { market } from '../../subgraphs/market';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

describeWithPostgres('market on PostgreSQL', () => {
  const schema = uniqueSchema('market');
  let running: TestSubgraph;

  beforeAll(async () => {
    running = await startTestSubgraph(market, { port: 0, databaseUrl: POSTGRES_URL, databaseSchema: schema, seedIfEmpty: { seed: 7, scale: 0.05 } });
  });

  afterAll(async () => {
    await running?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('seeded database → enterprises lists every enterprise with valid codes and numeric capital', async () => {
    const { body } = await running.request('{ enterprises(first: 100) { edges { node { creditCode registeredCapital } } pageInfo { hasNextPage } totalCount } }');
    const nodes = body.data.enterprises.edges.map((e: any) => e.node);
    expect(body.data.enterprises.totalCount).toBe(25);
    expect(body.data.enterprises.pageInfo.hasNextPage).toBe(false);
    expect(nodes.every((n: any) => isValidCreditCode(n.creditCode) && typeof n.registeredCapital === 'number')).toBe(true);
  });

  it('enterprise → its legal representative, whose enterprises include it', async () => {
    const list = await running.request('{ enterprises(first: 1) { edges { node { creditCode legalRepresentative { idNumber } } } } }');
    const { creditCode, legalRepresentative } = list.body.data.enterprises.edges[0].node;
    const { body } = await running.request('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { enterprises { creditCode } } } }', {
      r: [{ __typename: 'Person', idNumber: legalRepresentative.idNumber }],
    });
    expect(body.data._entities[0].enterprises).toContainEqual({ creditCode });
  });

  it('enterprises of many persons → one SQL statement', async () => {
    const list = await running.request('{ enterprises(first: 100) { edges { node { legalRepresentative { idNumber } } } } }');
    const ids: string[] = list.body.data.enterprises.edges.map((e: any) => e.node.legalRepresentative.idNumber);
    const before = running.database.statementCount();
    const { body } = await running.request('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { enterprises { creditCode } } } }', {
      r: ids.map((idNumber) => ({ __typename: 'Person', idNumber })),
    });
    expect(body.data._entities.every((p: any) => p.enterprises.length > 0)).toBe(true);
    expect(running.database.statementCount() - before).toBe(1);
  });
});
