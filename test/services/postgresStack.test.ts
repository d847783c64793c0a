import { Pool } from 'pg';
import { REVIEW_QUERY } from '../bench/benchQueries';
import { DEPARTMENTS, OFFICER, startStack, type Stack } from '../support/startStack';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

describeWithPostgres('the whole graph on PostgreSQL', () => {
  let stack: Stack;
  const prefix = uniqueSchema('stack');

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05, postgres: { url: POSTGRES_URL!, schemaPrefix: prefix } });
  });

  afterAll(async () => {
    await stack?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    for (const { name } of DEPARTMENTS) await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${name} CASCADE`);
    await pool.end();
  });

  it('each department reports PostgreSQL as its database', async () => {
    for (const subgraph of Object.values(stack.subgraphs)) {
      const health = (await (await fetch(subgraph.url.replace('/graphql', '/health'))).json()) as { database: string };
      expect([subgraph.name, health.database]).toEqual([subgraph.name, 'postgres']);
    }
  });

  it('review query returns cross-department data', async () => {
    const list = await stack.request('{ people(first: 100) { edges { node { idNumber applications { id enterprise { creditCode } } } } } }', {}, { as: OFFICER });
    expect(list.body.errors).toBeUndefined();
    const applications = list.body.data.people.edges.flatMap((e: any) => e.node.applications.map((a: any) => ({ ...a, applicant: e.node.idNumber })));
    const chosen = applications.find((a: any) => a.enterprise);
    const { body } = await stack.request(REVIEW_QUERY, { id: chosen.id }, { as: OFFICER, purpose: 'application-review' });
    expect(body.errors).toBeUndefined();
    expect(body.data.application.applicant.idNumber).toBe(chosen.applicant);
    expect(body.data.application.applicant.householdAddress).toMatch(/区/);
    expect(body.data.application.enterprise.creditCode).toBe(chosen.enterprise.creditCode);
    expect(['ACTIVE', 'SUSPENDED', 'REVOKED', 'DEREGISTERED']).toContain(body.data.application.enterprise.status);
    expect(Array.isArray(body.data.application.enterprise.licenses)).toBe(true);
  });

  it('a workflow step through the gateway is stored in PostgreSQL', async () => {
    const items = await stack.request('{ serviceItems { code } people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    const submitted = await stack.request(
      'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }',
      { input: { itemCode: items.body.data.serviceItems[0].code, applicantIdNumber: items.body.data.people.edges[0].node.idNumber } },
      { as: OFFICER },
    );
    expect(submitted.body.errors).toBeUndefined();
    const accepted = await stack.request(
      'mutation($id: ID!) { acceptApplication(id: $id) { status events { stage } } }',
      { id: submitted.body.data.submitApplication.id },
      { as: OFFICER },
    );
    expect(accepted.body.data.acceptApplication).toEqual({ status: 'ACCEPTED', events: [{ stage: 'SUBMIT' }, { stage: 'ACCEPT' }] });
  });
});
