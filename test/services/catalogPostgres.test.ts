import { Pool } from 'pg';
import type { Identity } from '../../policies';
import { DEPARTMENTS, startStack, type Stack } from '../support/startStack';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

/** The catalog over PostgreSQL: its seed, an application, its approval and revocation. */
const ANALYST: Identity = { sub: 'staff-0047', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const OFFICER: Identity = { sub: 'officer-mkt-1', roles: ['officer'], dept: 'market', clearance: 4 };

describeWithPostgres('the catalog on PostgreSQL', () => {
  let stack: Stack;
  const prefix = uniqueSchema('catalog');

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05, postgres: { url: POSTGRES_URL!, schemaPrefix: prefix } });
  });

  afterAll(async () => {
    await stack?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    for (const { name } of DEPARTMENTS) await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${name} CASCADE`);
    await pool.end();
  });

  it("seeded → the market officer's pending applications: market's own request and the one market decides", async () => {
    const { body } = await stack.request('{ accessApplications(status: PENDING) { id } }', {}, { as: OFFICER });
    expect(body.data.accessApplications.map((a: any) => a.id)).toEqual(['AA-000001', 'AA-000003']);
  });

  it('apply, approve, revoke → the next numbers, a grant in force, then revoked', async () => {
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const applied = await stack.request(
      'mutation($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }',
      { input: { coordinates: ['Enterprise.address'], purpose: 'statistics', legalBasis: '《统计法》第七条', until } },
      { as: ANALYST },
    );
    expect(applied.body.data.applyForAccess).toEqual([{ id: 'AA-000004' }]);
    const decided = await stack.request('mutation { decideAccessApplication(id: "AA-000004", approve: true) { status grant { id status caseBound } } }', {}, { as: OFFICER });
    expect(decided.body.data.decideAccessApplication).toEqual({ status: 'APPROVED', grant: { id: 'G-000001', status: 'IN_FORCE', caseBound: false } });
    const revoked = await stack.request('mutation { revokeGrant(id: "G-000001", reason: "Census done.") { status } }', {}, { as: OFFICER });
    expect(revoked.body.data.revokeGrant).toEqual({ status: 'REVOKED' });
  });
});
