import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { gatewayConfigOf } from '../../gateway/config';
import { signUserToken } from '../../gateway/authenticate';
import { startGateway, type RunningGateway } from '../../gateway/server/startGateway';
import { applyMask } from '../../policies';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';
import { BENCHMARK_SUBGRAPHS, benchmarkSubgraphSdls, startFederationBenchmarkSubgraphs, type BenchmarkSubgraphs } from '../support/federationBenchmarkSubgraphs';
import { createTestGatewayKeys } from '../support/fixtureDepartments';
import { graphqlRequest } from '../support/graphqlRequest';

/**
 * The gateway over subgraphs that do not enforce the policies themselves (the public
 * federation benchmark's, plain @apollo/subgraph servers), with `subgraphPolicies: 'none'`:
 * what a mask or a `self` grant promises is kept by the gateway alone.
 */
describe('gateway over subgraphs that do not enforce the policies', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-plain-subgraphs-'));
  const secret = new TextEncoder().encode('a test secret that is long enough for HS256');
  let subgraphs: BenchmarkSubgraphs;
  let gateway: RunningGateway;
  let users: { name: string }[];

  beforeAll(async () => {
    subgraphs = await startFederationBenchmarkSubgraphs();
    const sdls = benchmarkSubgraphSdls();
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(
      supergraphFile,
      composeSupergraph(BENCHMARK_SUBGRAPHS.map((name) => ({ name, url: subgraphs.urls[name], title: name, files: [`${name}.graphql`], sdl: sdls[name] }))),
    );
    const policiesDir = path.join(dir, 'policies');
    if ((await policyCommand(['scaffold', '--supergraph', supergraphFile, '--out', policiesDir, '--allow-public'], bufferedIo(dir))) !== 0) throw new Error('scaffold failed');
    // Names masked for everyone; birthdays for their owners only (`self`).
    const accounts = path.join(policiesDir, 'accounts.yaml');
    const text = fs.readFileSync(accounts, 'utf8');
    const grantsOf = (field: string, grants: string) => (source: string) =>
      source.replace(new RegExp(`(\\n      ${field}:\\n(?:        description: .*\\n)?        read:\\n)          - public: true\\n`), `$1${grants}`);
    fs.writeFileSync(
      accounts,
      [grantsOf('name', '          - public: true\n            mask: name\n'), grantsOf('birthday', '          - self: true\n')].reduce((source, edit) => edit(source), text),
    );
    users = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'federation-benchmark', 'data.json'), 'utf8')).users;
    gateway = await startGateway({
      port: 0,
      supergraphFile,
      watch: false,
      auth: { secret },
      gatewayKeys: await createTestGatewayKeys(),
      policies: { dir: policiesDir },
      config: gatewayConfigOf({ dataDir: path.join(dir, 'data'), subgraphPolicies: 'none' }),
    });
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await subgraphs?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a field masked for the reader → masked by the gateway, though the subgraph sent it in the clear', async () => {
    const { body } = await graphqlRequest(gateway.url, '{ users { name } }');
    expect(body).toEqual({ data: { users: users.map((user) => ({ name: applyMask('name', user.name) })) } });
  });

  it("a field granted only on the reader's own records → withheld (null + FORBIDDEN), even for its owner", async () => {
    const token = await signUserToken(secret, { sub: '1', roles: [], dept: null, clearance: 1 }, { ttl: '5m' });
    const { body } = await graphqlRequest(gateway.url, '{ user(id: "1") { birthday } }', undefined, { authorization: `Bearer ${token}` });
    expect({ data: body.data, codes: body.errors?.map((error) => `${error.extensions?.code} ${error.extensions?.coordinate}`) }).toEqual({
      data: { user: { birthday: null } },
      codes: ['FORBIDDEN User.birthday'],
    });
  });
});
