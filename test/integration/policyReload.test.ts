import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lastRecords } from '../../gateway/audit';
import { POLICIES_DIR } from '../../policies';
import type { Identity } from '../../subgraphs/kit';
import { startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/** Officers edit a policy file; every gateway and department picks it up without a restart, or refuses it whole. */
const CASEWORKER: Identity = { sub: 'staff-cw-02', roles: ['caseworker'], dept: 'services', clearance: 2 };
const NAME_GRANT = '          - roles: [caseworker, reviewer]\n          - roles: [auditor]\n            mask: name';

let stack: Stack;
let dir: string;
let idNumber: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policies-'));
  fs.cpSync(POLICIES_DIR, dir, { recursive: true, filter: (src) => !/\.(md|ts)$/.test(src) && !src.includes(`${path.sep}engine`) && !src.includes(`${path.sep}masks`) });
  stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05, policiesDir: dir });
  const row = await stack.subgraphs.population.database.db.selectFrom('persons').select('id_number').executeTakeFirstOrThrow();
  idNumber = row.id_number;
});

afterAll(async () => {
  await stack?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function health(url: string): Promise<{ policies: string; policyError?: string }> {
  return (await (await fetch(url.replace('/graphql', '/health'))).json()) as { policies: string; policyError?: string };
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await condition()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

const readName = () => stack.request('query($id: ID!) { person(idNumber: $id) { name } }', { id: idNumber }, { as: CASEWORKER });

describe('live policy changes', () => {
  it('a revoked grant in the files → once gateway and department enforce the new files, both deny', async () => {
    expect((await readName()).body.data.person.name).toEqual(expect.any(String));
    const before = (await health(stack.gateway.url)).policies;
    const file = path.join(dir, 'population.yaml');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(NAME_GRANT);
    fs.writeFileSync(file, text.replace(NAME_GRANT, '          - roles: [reviewer]\n          - roles: [auditor]\n            mask: name'));

    // How soon a change is taken up depends on the machine's load; that it is, and what follows, does not.
    await until(async () => (await health(stack.gateway.url)).policies !== before && (await health(stack.subgraphs.population.url)).policies !== before, 20_000);
    const viaGateway = await readName();
    // The department enforces the new set too: asked directly with a gateway token for the caseworker.
    const direct = await stack.subgraphRequest('population', 'query($id: ID!) { person(idNumber: $id) { name } }', { id: idNumber }, CASEWORKER);
    expect({
      gateway: viaGateway.body.errors?.[0]?.extensions?.coordinate,
      department: direct.body.errors?.[0]?.extensions?.code,
      sameFiles: (await health(stack.subgraphs.population.url)).policies === (await health(stack.gateway.url)).policies,
    }).toEqual({ gateway: 'Person.name', department: 'FORBIDDEN', sameFiles: true });
  });

  it("a change in force → the gateway's audit ledger records it, from which hash to which", async () => {
    const changes = (await lastRecords(path.join(stack.dataDir, 'audit'), 1000)).records.filter((r) => r.policyChange);
    expect(changes).toHaveLength(1);
    const [record] = changes;
    expect(record.policyChange).toEqual({
      source: 'file',
      version: null,
      from: expect.stringMatching(/^[0-9a-f]{64}$/),
      to: (await health(stack.gateway.url)).policies,
      publishedBy: null,
    });
    expect(record.policyHash).toBe(record.policyChange!.to);
  });

  it('a policy file that does not parse → refused, the last good set stays in force, /health says why', async () => {
    const before = await health(stack.gateway.url);
    fs.writeFileSync(path.join(dir, 'market.yaml'), 'department: market\ntypes: [unclosed\n');
    await until(async () => Boolean((await health(stack.gateway.url)).policyError), 2000);
    const after = await health(stack.gateway.url);
    expect(after.policies).toBe(before.policies);
    expect(after.policyError).toMatch(/market\.yaml:\d+/);
    await until(async () => Boolean((await health(stack.subgraphs.market.url)).policyError), 2000);
    const { body } = await stack.request('query($id: ID!) { person(idNumber: $id) { name gender } }', { id: idNumber }, { as: CASEWORKER });
    expect(body.data.person?.name ?? null).toBeNull();
    const enterprises = await stack.request('{ enterprises(first: 1) { edges { node { name } } } }');
    expect(enterprises.body.errors).toBeUndefined();
  });
});
