import { Pool } from 'pg';
import { sql } from 'kysely';
import type { Identity } from '../../subgraphs/kit';
import { citizen } from '../support/gatewayTokens';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';
import { DEPARTMENTS, OFFICER, startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const PERSON = 'query Person($id: ID!) { person(idNumber: $id) { name } }';
const MINE =
  'query Mine($after: String) { myDisclosures(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { requestId recordKey reader { dept } purpose } } } }';

describeWithPostgres('disclosure log on PostgreSQL', () => {
  let stack: Stack;
  let idNumber: string;
  const prefix = uniqueSchema('disclosures');

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05, postgres: { url: POSTGRES_URL!, schemaPrefix: prefix } });
    const people = await stack.request('{ people(first: 1) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    idNumber = people.body.data.people.edges[0].node.idNumber;
  });

  afterAll(async () => {
    await stack?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    for (const { name } of DEPARTMENTS) await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${name} CASCADE`);
    await pool.end();
  });

  it("three reads of a resident's record → myDisclosures pages them newest first", async () => {
    for (let i = 0; i < 3; i++) expect((await stack.request(PERSON, { id: idNumber }, { as: REVIEWER, purpose: 'application-review' })).body.errors).toBeUndefined();
    const first = await stack.request(MINE, {}, { as: citizen(idNumber) });
    const second = await stack.request(MINE, { after: first.body.data.myDisclosures.pageInfo.endCursor }, { as: citizen(idNumber) });
    const nodes = [...first.body.data.myDisclosures.edges, ...second.body.data.myDisclosures.edges].map((e: { node: any }) => e.node);
    expect(first.body.data.myDisclosures).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(second.body.data.myDisclosures.pageInfo.hasNextPage).toBe(false);
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((n: { requestId: string }) => n.requestId)).size).toBe(3);
    expect(nodes[0]).toMatchObject({ recordKey: idNumber, reader: { dept: 'market' }, purpose: 'application-review' });
  });

  it('the disclosure table refuses rows → AUDIT_UNAVAILABLE and no data', async () => {
    const db = stack.subgraphs.population.database.db;
    await sql`alter table kit_disclosures add constraint refuse_all check (false) not valid`.execute(db);
    try {
      const { body } = await stack.request(PERSON, { id: idNumber }, { as: REVIEWER, purpose: 'application-review' });
      expect(body.data?.person ?? null).toBeNull();
      expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE', department: 'population' }) })]);
    } finally {
      await sql`alter table kit_disclosures drop constraint refuse_all`.execute(db);
    }
  });
});
