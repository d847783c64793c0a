import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';
import {
  BENCHMARK_SUBGRAPHS,
  benchmarkSubgraphSdls,
  FEDERATION_BENCHMARK_DIR,
  startFederationBenchmarkSubgraphs,
  type BenchmarkSubgraphs,
} from '../support/federationBenchmarkSubgraphs';
import { graphqlRequest } from '../support/graphqlRequest';

/**
 * `govgraph gateway` over a graph that is not govgraph's: the public federation gateway
 * benchmark's four subgraphs (plain @apollo/subgraph servers, no gateway-token check), composed
 * here with their real URLs, policies written by `policy scaffold --allow-public`, and a fresh
 * data directory with no keys in it: as a new user would run it.
 */
describe('govgraph gateway over the public federation benchmark', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-public-bench-'));
  const dataDir = path.join(dir, 'data');
  let subgraphs: BenchmarkSubgraphs;
  let gateway: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    subgraphs = await startFederationBenchmarkSubgraphs();
    const sdls = benchmarkSubgraphSdls();
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(
      supergraphFile,
      composeSupergraph(BENCHMARK_SUBGRAPHS.map((name) => ({ name, url: subgraphs.urls[name], title: name, files: [`${name}.graphql`], sdl: sdls[name] }))),
    );
    const policiesDir = path.join(dir, 'policies');
    const scaffold = bufferedIo(dir);
    if ((await policyCommand(['scaffold', '--supergraph', supergraphFile, '--out', policiesDir, '--allow-public'], scaffold)) !== 0)
      throw new Error(`scaffold failed:\n${scaffold.stdout()}\n${scaffold.stderr()}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GOVGRAPH_DATA_DIR: dataDir,
      GOVGRAPH_LOG_LEVEL: 'warn',
      // The query nests lists five deep; sized at 20 items each (the default for a list nothing
      // sizes) it would count 1.5 million. Its lists hold at most six items.
      GOVGRAPH_COST_DEFAULT_LIST_SIZE: '5',
      GOVGRAPH_COST_BUDGETS: 'anonymous=10000,default=10000',
    };
    for (const name of [
      'REDIS_URL',
      'DATABASE_URL',
      'NODE_ENV',
      'GOVGRAPH_MODE',
      'GOVGRAPH_POLICIES',
      'GOVGRAPH_GRANT_PUBLIC_JWK',
      'GOVGRAPH_JWKS_URL',
      'GOVGRAPH_SUBGRAPH_POLICIES',
    ])
      delete env[name];
    const bin = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');
    gateway = spawn(process.execPath, [bin, 'gateway', '--supergraph', supergraphFile, '--policies', policiesDir, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    gateway.stdout!.on('data', (chunk) => (output += chunk));
    gateway.stderr!.on('data', (chunk) => (output += chunk));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started in time:\n${output}`)), 40_000);
      const poll = setInterval(() => {
        const started = /^gateway (http:\/\/\S+)$/m.exec(output);
        if (!started) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve(started[1]);
      }, 100);
      gateway.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((resolve) => gateway.once('exit', resolve));
      gateway.kill('SIGTERM');
      await exited;
    }
    await subgraphs?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the benchmark query, anonymous → exactly expected-response.json', async () => {
    const query = fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'query.graphql'), 'utf8');
    const expected = JSON.parse(fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'expected-response.json'), 'utf8'));
    const { status, body } = await graphqlRequest(url, query);
    expect({ status, body }).toEqual({ status: 200, body: expected });
  });

  it('a fresh data directory with no catalog key → starts, saying it follows no access grants', () => {
    expect(output).toContain('access grants: not followed');
  });

  it("a supergraph that is not govgraph's → the gateway says it alone enforces the policies (GOVGRAPH_SUBGRAPH_POLICIES unset)", () => {
    expect(output).toContain('subgraph policies: none');
  });

  it('a request → one audit record in the fresh data directory, naming the four subgraphs it reached', async () => {
    await graphqlRequest(url, '{ topProducts(first: 1) { name inStock reviews { body author { name } } } }');
    const ledger = fs.readdirSync(path.join(dataDir, 'audit')).filter((file) => file.endsWith('.jsonl'));
    const records = ledger.flatMap((file) =>
      fs
        .readFileSync(path.join(dataDir, 'audit', file), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    );
    expect(records.some((record) => JSON.stringify(record.subgraphs) === JSON.stringify(['accounts', 'inventory', 'products', 'reviews']))).toBe(true);
  });

  it('/health → every benchmark subgraph up (they serve no /health; their GraphQL endpoints answer)', async () => {
    const health = (await (await fetch(new URL('/health', url))).json()) as { status: string; subgraphs: Record<string, string> };
    expect(health).toMatchObject({ status: 'up', subgraphs: { accounts: 'up', inventory: 'up', products: 'up', reviews: 'up' } });
  });
});
