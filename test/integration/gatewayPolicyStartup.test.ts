import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gatewayConfigOf } from '../../gateway/config';
import { startGateway } from '../../gateway/server/startGateway';
import { composeFixtureSupergraph, createTestGatewayKeys } from '../support/fixtureDepartments';

/** Start-up refuses a gateway that would serve without (or with broken) policies. */
describe('gateway start-up with policies', () => {
  let dir: string;
  let supergraphFile: string;
  const auth = { secret: new TextEncoder().encode('a test secret that is long enough for HS256') };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-policy-start-'));
    supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, composeFixtureSupergraph());
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails listing file and line when the policies do not load', async () => {
    const policyDir = path.join(dir, 'policies');
    fs.mkdirSync(policyDir);
    fs.writeFileSync(path.join(policyDir, 'vocabulary.yaml'), 'roles:\n  caseworker: [unclosed\n');
    const started = startGateway({ port: 0, supergraphFile, watch: false, auth, gatewayKeys: await createTestGatewayKeys(), policies: { dir: policyDir } });
    await expect(started).rejects.toThrow(/vocabulary\.yaml:\d+/);
  });

  it('policies off over a graph the policy files do not cover → starts, and still checks X-Purpose against the vocabulary', async () => {
    // The shipped policies cover govgraph's departments, not alpha and beta: enforced, they would not load.
    const gateway = await startGateway({
      port: 0,
      supergraphFile,
      watch: false,
      auth,
      gatewayKeys: await createTestGatewayKeys(),
      config: gatewayConfigOf({ enforcePolicies: false, dataDir: path.join(dir, 'off') }),
    });
    try {
      const ask = (purpose: string) =>
        fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-purpose': purpose }, body: JSON.stringify({ query: '{ __typename }' }) }).then(
          (r) => r.status,
        );
      expect({ declared: await ask('audit'), undeclared: await ask('no-such-purpose') }).toEqual({ declared: 200, undeclared: 400 });
    } finally {
      await gateway.close();
    }
  });

  it('refuses enforcePolicies: false in production mode', async () => {
    await expect(startGateway({ port: 0, supergraphFile, watch: false, auth, config: gatewayConfigOf({ mode: 'production', enforcePolicies: false }) })).rejects.toThrow(
      /refused in production/,
    );
  });
});
