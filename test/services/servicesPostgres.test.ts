import { Pool } from 'pg';
import { seedWorld } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const APPLICATION = 'id status events { stage actor } feedback { rating }';
/** What SI-0026 (a household move) requires an application to carry. */
const NEW_ADDRESS = [{ name: 'newAddress', value: '北京市东城区景山街道人民路18号' }];

describeWithPostgres('services on PostgreSQL', () => {
  const schema = uniqueSchema('services');
  let running: TestSubgraph;
  let graph: FakeGraph;

  beforeAll(async () => {
    graph = await startFakeGraph(world);
    running = await startTestSubgraph(services, { port: 0, databaseUrl: POSTGRES_URL, databaseSchema: schema, seedIfEmpty: SEED, graphUrl: graph.url });
  });

  afterAll(async () => {
    await running?.close();
    await graph?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  async function ok(document: string, variables: Record<string, unknown>): Promise<any> {
    const { body } = await running.request(document, variables);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data!)[0];
  }

  it('seeded schema → the catalog and applications in every status', async () => {
    const { body } = await running.request('{ serviceItems { code } }');
    expect(body.data.serviceItems).toHaveLength(40);
    const representations = world.personIds.map((idNumber) => ({ __typename: 'Person', idNumber }));
    const people = await running.request('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { applications { status } } } }', { r: representations });
    const statuses = people.body.data._entities.flatMap((p: any) => p.applications.map((a: any) => a.status));
    expect(statuses).toHaveLength(world.volumes.applications);
    expect(new Set(statuses)).toEqual(new Set(['SUBMITTED', 'ACCEPTED', 'APPROVED', 'REJECTED', 'COMPLETED']));
  });

  it('submit → accept → approve → complete → feedback → COMPLETED with five events', async () => {
    const { id } = await ok(`mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION} } }`, {
      input: { itemCode: 'SI-0001', applicantIdNumber: world.personIds[0], enterpriseCreditCode: world.creditCodes[0] },
    });
    await ok(`mutation ($id: ID!) { acceptApplication(id: $id) { ${APPLICATION} } }`, { id });
    await ok(`mutation ($id: ID!) { decideApplication(id: $id, approve: true) { ${APPLICATION} } }`, { id });
    await ok(`mutation ($id: ID!) { completeApplication(id: $id) { ${APPLICATION} } }`, { id });
    const done = await ok(`mutation ($id: ID!) { leaveFeedback(id: $id, rating: 5) { ${APPLICATION} } }`, { id });
    expect(done).toEqual({
      id,
      status: 'COMPLETED',
      events: ['SUBMIT', 'ACCEPT', 'APPROVE', 'COMPLETE', 'FEEDBACK'].map((stage) => ({ stage, actor: 'anonymous' })),
      feedback: { rating: 5 },
    });
  });

  it('five concurrent accepts of one application → exactly one succeeds', async () => {
    const { id } = await ok(`mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
      input: { itemCode: 'SI-0026', applicantIdNumber: world.personIds[1], details: NEW_ADDRESS },
    });
    const accept = () => running.request(`mutation ($id: ID!) { acceptApplication(id: $id) { id } }`, { id });
    const results = await Promise.all([accept(), accept(), accept(), accept(), accept()]);
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.filter((r) => r.body.errors?.[0].extensions?.code === 'INVALID_TRANSITION').length).toBe(4);
    const { body } = await running.request(`query ($id: ID!) { application(id: $id) { events { stage } } }`, { id });
    expect(body.data.application.events).toEqual([{ stage: 'SUBMIT' }, { stage: 'ACCEPT' }]);
  });

  it('concurrent submissions → distinct application ids', async () => {
    const submit = (i: number) =>
      ok(`mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`, {
        input: { itemCode: 'SI-0026', applicantIdNumber: world.personIds[i], details: NEW_ADDRESS },
      });
    const ids = (await Promise.all([0, 1, 2, 3, 4, 5].map(submit))).map((a) => a.id);
    expect(new Set(ids).size).toBe(6);
  });
});
