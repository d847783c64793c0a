import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portBelowEphemeralRange } from '../support/freePort';
import { graphqlRequest } from '../support/graphqlRequest';

/**
 * `govgraph gateway`: the gateway alone, as one instance behind a load balancer, over departments
 * that run elsewhere (here: nowhere, so every one is unavailable); settings from the environment.
 */
describe('govgraph gateway', () => {
  let child: ChildProcess;
  let output = '';
  let base: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-gateway-cmd-'));

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GOVGRAPH_DATA_DIR: dataDir, GOVGRAPH_LOG_LEVEL: 'warn' };
    for (const name of ['REDIS_URL', 'DATABASE_URL', 'NODE_ENV']) delete env[name];
    const port = await portBelowEphemeralRange();
    // Departments that do not answer: a closed port each.
    for (const name of ['POPULATION', 'MARKET', 'LICENSES', 'SERVICES', 'CATALOG']) env[`GOVGRAPH_${name}_URL`] = `http://127.0.0.1:${await freePort()}/graphql`;
    // The catalog's public key is needed to follow grants; the development pair is created by `govgraph start`, here by hand.
    const { loadOrCreateGrantSigningKey } = await import('../../policies/grants');
    loadOrCreateGrantSigningKey({ dir: path.join(dataDir, 'keys'), env: {}, create: true });
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'govgraph.js'), 'gateway', '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not started in time:\n${output}`)), 40_000);
      const poll = setInterval(() => {
        if (output.includes('gateway http://')) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 50_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('departments unreachable → it serves, their fields null with SUBGRAPH_UNAVAILABLE', async () => {
    const { status, body } = await graphqlRequest(`${base}/graphql`, '{ serviceItems { code } }');
    expect({ status, codes: body.errors?.map((e) => e.extensions?.code) }).toEqual({ status: 200, codes: ['SUBGRAPH_UNAVAILABLE'] });
  });

  it('/ready → 200: it can serve though no department answers', async () => {
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('SIGTERM → exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
