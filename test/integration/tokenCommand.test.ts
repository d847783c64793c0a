import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { tokenCommand } from '../../cli/tokenCommand';
import { UsageError } from '../../cli/parseOptions';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { graphqlRequest } from '../support/graphqlRequest';
import { ALLOW, DENY, fakePolicySet, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * `govgraph token` prints a development JWT signed with the secret the gateway reads
 * (`<GOVGRAPH_DATA_DIR>/jwt-secret`, created by whichever starts first). `Thing.colour`
 * is readable by reviewers only, so an accepted token shows in the data.
 */
const ARGS = ['--sub', 'staff-7', '--roles', 'caseworker,reviewer', '--dept', 'services', '--clearance', '3'];

describe('govgraph token', () => {
  let dataDir: string;
  let stack: FixtureStack;
  const saved = { dataDir: process.env.GOVGRAPH_DATA_DIR, secret: process.env.GOVGRAPH_JWT_SECRET };

  /** Runs the command in this process and returns what it printed on stdout. */
  async function run(args: string[]): Promise<string> {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await tokenCommand(args)).toBe(0);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return printed.join('\n');
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-token-'));
    process.env.GOVGRAPH_DATA_DIR = dataDir;
    delete process.env.GOVGRAPH_JWT_SECRET;
    const policies = fakePolicySet({ 'Thing.colour': (reader) => (reader.identity?.roles.includes('reviewer') ? ALLOW : DENY) });
    // No `auth`: the gateway reads the development secret under its data directory, as `npm start` does.
    stack = await startFixtureStack({ gateway: { policies, auth: {}, config: { dataDir } } });
  });

  afterAll(async () => {
    await stack?.close();
    if (saved.dataDir === undefined) delete process.env.GOVGRAPH_DATA_DIR;
    else process.env.GOVGRAPH_DATA_DIR = saved.dataDir;
    if (saved.secret !== undefined) process.env.GOVGRAPH_JWT_SECRET = saved.secret;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a token the gateway accepts', async () => {
    const token = await run(ARGS);
    const { body } = await graphqlRequest(stack.gateway.url, '{ thing(id: "t1") { colour } }', undefined, { authorization: `Bearer ${token}` });
    expect(body).toEqual({ data: { thing: { colour: 'red' } } });
  });

  it('puts the identity in the claims, valid for the given ttl', async () => {
    const claims = decodeJwt(await run([...ARGS, '--ttl', '30m']));
    expect(claims).toMatchObject({ sub: 'staff-7', roles: ['caseworker', 'reviewer'], dept: 'services', clearance: 3 });
    expect((claims.exp as number) - (claims.iat as number)).toBe(1800);
  });

  it('gives a token without --dept a null department (a citizen)', async () => {
    const claims = decodeJwt(await run(['--sub', '110101199003070011', '--roles', 'citizen', '--clearance', '1']));
    expect(claims.dept).toBeNull();
  });

  it('keeps the secret file readable by its owner only', () => {
    expect(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('refuses a clearance outside 1–4 as a usage error', async () => {
    await expect(tokenCommand(['--sub', 's', '--roles', 'caseworker', '--clearance', '5'])).rejects.toThrow(UsageError);
  });

  it('refuses a missing --sub as a usage error', async () => {
    await expect(tokenCommand(['--roles', 'caseworker', '--clearance', '2'])).rejects.toThrow('--sub is required');
  });

  it('refuses a ttl without a unit as a usage error', async () => {
    await expect(tokenCommand([...ARGS, '--ttl', '90'])).rejects.toThrow('--ttl is a number and a unit');
  });

  it('prints, from the command line, only the token on stdout', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'token', ...ARGS], {
      env: { ...process.env, GOVGRAPH_DATA_DIR: dataDir },
    });
    const token = stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const { body } = await graphqlRequest(stack.gateway.url, '{ thing(id: "t1") { colour } }', undefined, { authorization: `Bearer ${token}` });
    expect(body).toEqual({ data: { thing: { colour: 'red' } } });
  });
});
