import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import type { Identity } from '../../subgraphs/kit';
import { freePort } from '../support/freePort';
import { startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/** Gateway and departments told to follow a Redis that does not answer: they serve their files' policies, never anything more open. */
const CASEWORKER: Identity = { sub: 'staff-cw-09', roles: ['caseworker'], dept: 'services', clearance: 2 };
const shippedHash = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }).hash;

let stack: Stack;
let idNumber: string;

beforeAll(async () => {
  stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05, policyStore: { redisUrl: `redis://127.0.0.1:${await freePort()}`, prefix: 'unreachable-test:' } });
  const row = await stack.subgraphs.population.database.db.selectFrom('persons').select('id_number').executeTakeFirstOrThrow();
  idNumber = row.id_number;
});

afterAll(async () => {
  await stack?.close();
});

async function health(url: string): Promise<Record<string, unknown>> {
  return (await (await fetch(url.replace('/graphql', '/health'))).json()) as Record<string, unknown>;
}

describe('policy store unreachable', () => {
  it("gateway /health → the files' policies in force, store unreachable, and why", async () => {
    const report = await health(stack.gateway.url);
    expect(report).toMatchObject({ policies: shippedHash, policyVersion: null, policyStore: 'unreachable' });
    expect(report.policyError).toMatch(/^The policy store redis:\/\/127\.0\.0\.1:\d+ is unreachable \(.+\); the last good policies stay in force$/);
  });

  it('department /health → the same', async () => {
    expect(await health(stack.subgraphs.population.url)).toMatchObject({
      policies: shippedHash,
      policyVersion: null,
      policyStore: 'unreachable',
      policyError: expect.stringContaining('is unreachable'),
    });
  });

  it('a field the files allow → still served', async () => {
    const { body } = await stack.request('query($id: ID!) { person(idNumber: $id) { name } }', { id: idNumber }, { as: CASEWORKER });
    expect(body.data.person.name).toEqual(expect.any(String));
  });

  it('a field the files deny → still denied (no fallback to allow-all)', async () => {
    const { body } = await stack.request('query($id: ID!) { person(idNumber: $id) { ethnicity } }', { id: idNumber }, { as: CASEWORKER });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Person.ethnicity' });
  });
});
