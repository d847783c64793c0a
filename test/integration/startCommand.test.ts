import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { descendantProcesses } from '../support/descendantProcesses';
import { portBelowEphemeralRange } from '../support/freePort';
import { graphqlRequest } from '../support/graphqlRequest';
import { OFFICER } from '../support/startStack';
import { signUserToken } from '../../gateway/authenticate/signUserToken';

/** `npm start` as a user runs it: departments in their own processes, then the gateway; Ctrl-C stops all. */
describe('govgraph start', () => {
  let child: ChildProcess;
  let output = '';
  let gatewayUrl: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-start-'));

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GOVGRAPH_DATA_DIR: dataDir, GOVGRAPH_LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    // The embedded default: with REDIS_URL the gateway would extend the shared audit stream
    // govgraph:audit, whose records another run signed with another key (and it refuses to).
    delete env.REDIS_URL;
    // As a user runs it: Apollo Server ignores termination signals under NODE_ENV=test, and the stack must not rely on that.
    delete env.NODE_ENV;
    env.GOVGRAPH_PORT = String(await portBelowEphemeralRange());
    for (const name of ['POPULATION', 'MARKET', 'LICENSES', 'SERVICES', 'CATALOG', 'HRSS', 'FUND', 'CIVIL', 'ANALYSIS'])
      env[`${name}_PORT`] = String(await portBelowEphemeralRange());
    gatewayUrl = `http://127.0.0.1:${env.GOVGRAPH_PORT}/graphql`;
    child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'govgraph.js'), 'start', '--scale', '0.05'], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started in time:\n${output}`)), 150_000);
      const poll = setInterval(() => {
        if (output.includes('Press Ctrl-C')) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    // Generous: the first start seeds eight databases while the other suites load both cores.
  }, 160_000);

  afterAll(() => {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one line per service with where it listens', () => {
    for (const name of ['population', 'market', 'licenses', 'services', 'gateway']) expect(output).toMatch(new RegExp(`${name}\\s+http://127\\.0\\.0\\.1:\\d+/graphql`));
  });

  it('seeds the embedded databases on first start', () => {
    for (const name of ['population', 'market', 'licenses', 'services']) expect(fs.existsSync(path.join(dataDir, `${name}.sqlite`))).toBe(true);
  });

  it('serves a cross-department query', async () => {
    // The development secret `start` created is what `npm run token` signs with.
    const secret = new TextEncoder().encode(fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim());
    const token = await signUserToken(secret, OFFICER, { ttl: '5m' });
    const { body } = await graphqlRequest(
      gatewayUrl,
      '{ enterprises(first: 2) { totalCount edges { node { name legalRepresentative { name } licenses { kind } } } } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises.edges).toHaveLength(2);
    expect(body.data.enterprises.edges[0].node.legalRepresentative.name.length).toBeGreaterThan(1);
  });

  it("creates the catalog's grant signing pair before anyone starts → the gateway follows the grants the catalog signed", async () => {
    const health = (await (await fetch(gatewayUrl.replace('/graphql', '/health'))).json()) as { grantsVersion: number; grantsError?: string };
    expect({
      keys: ['grant-signing.private.jwk.json', 'grant-signing.public.jwk.json'].map((file) => fs.existsSync(path.join(dataDir, 'keys', file))),
      grantsFollowed: health.grantsVersion > 0,
      grantsError: health.grantsError,
    }).toEqual({ keys: [true, true], grantsFollowed: true, grantsError: undefined });
  });

  it('a department killed → started again: /health shows the restart, the log tells it, it answers', async () => {
    const market = descendantProcesses(child.pid!).find((p) => p.command.includes(path.join('subgraphs', 'market', 'server.ts')));
    process.kill(market!.pid, 'SIGKILL');
    type Health = { departments: { market: { process: { state: string; restarts: number; lastExit: { signal: string } | null } } } };
    const marketProcess = async () => ((await (await fetch(gatewayUrl.replace('/graphql', '/health'))).json()) as Health).departments.market.process;
    for (let i = 0; i < 300; i++) {
      const { state, restarts } = await marketProcess();
      if (state === 'running' && restarts > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await marketProcess()).toEqual({ state: 'running', restarts: 1, lastExit: { code: null, signal: 'SIGKILL', at: expect.any(String) } });
    expect(output).toMatch(/market exited \(SIGKILL\); restarting in 0\.5 s[\s\S]*market restarted \(restart 1\) at http:\/\/127\.0\.0\.1:\d+\/graphql/);
    const secret = new TextEncoder().encode(fs.readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim());
    const { body } = await graphqlRequest(
      gatewayUrl,
      '{ enterprises(first: 1) { edges { node { name } } } }',
      {},
      { authorization: `Bearer ${await signUserToken(secret, OFFICER, { ttl: '5m' })}` },
    );
    expect({ errors: body.errors, count: body.data?.enterprises.edges.length }).toEqual({ errors: undefined, count: 1 });
  }, 45_000);

  it('Ctrl-C (SIGINT to the process group) stops the gateway and every department, none started again, exit 0', async () => {
    const departmentUrls = [...output.matchAll(/(?:population|market|licenses|services|catalog)\s+(http:\/\/127\.0\.0\.1:\d+\/graphql)/g)].map((m) => m[1]);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    await expect(graphqlRequest(gatewayUrl, '{ __typename }')).rejects.toThrow();
    const answering = await Promise.all(
      departmentUrls.map((url) =>
        fetch(url.replace('/graphql', '/health')).then(
          () => url,
          () => null,
        ),
      ),
    );
    expect({ departments: departmentUrls.length, answering: answering.filter(Boolean) }).toEqual({ departments: 5, answering: [] });
  });
});

describe('govgraph start with an unreachable department database', () => {
  it('stops start-up naming the department and the URL without its password', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-start-fail-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GOVGRAPH_DATA_DIR: dataDir,
      GOVGRAPH_LOG_LEVEL: 'warn',
      MARKET_DATABASE_URL: 'postgres://registrar:hunter2@127.0.0.1:1/market',
    };
    delete env.DATABASE_URL;
    env.GOVGRAPH_PORT = String(await portBelowEphemeralRange());
    for (const name of ['POPULATION', 'MARKET', 'LICENSES', 'SERVICES', 'CATALOG', 'HRSS', 'FUND', 'CIVIL', 'ANALYSIS'])
      env[`${name}_PORT`] = String(await portBelowEphemeralRange());
    const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'govgraph.js'), 'start', '--scale', '0.05'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(output).toMatch(/market: cannot reach its database at postgres:\/\/registrar:\*\*\*@127\.0\.0\.1:1\/market/);
    expect(output).not.toMatch(/hunter2/);
  }, 40_000);
});
