import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { ALLOW_ALL_POLICIES, createGatewayTestKeys, mintGatewayToken, STAFF, TEST_GRANT_PUBLIC_JWK, TEST_WRITE_BACK_KEY } from '../support/gatewayTokens';
import { graphqlRequest } from '../support/graphqlRequest';

const ENV_KEYS = ['NODE_ENV', 'GOVGRAPH_MODE', 'GOVGRAPH_GATEWAY_PUBLIC_JWK', 'GOVGRAPH_DATA_DIR'] as const;
let savedEnv: Record<string, string | undefined>;
let dataDir: string;
let running: RunningSubgraph | undefined;

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  delete process.env.GOVGRAPH_GATEWAY_PUBLIC_JWK;
  delete process.env.GOVGRAPH_MODE;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-kit-startup-'));
});

afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const start = (options: Partial<Parameters<typeof startSubgraph>[1]> = {}) =>
  startSubgraph(population, {
    port: 0,
    dataDir,
    databaseUrl: null,
    policies: ALLOW_ALL_POLICIES,
    grants: { publicKey: TEST_GRANT_PUBLIC_JWK },
    writeBacks: { publicKey: TEST_WRITE_BACK_KEY },
    ...options,
  });

describe('start-up', () => {
  it('no gateway public key anywhere → start-up fails saying how to provide one', async () => {
    await expect(start()).rejects.toThrow(
      /population: No gateway public key: set GOVGRAPH_GATEWAY_PUBLIC_JWK or start the gateway once to create .*gateway-signing\.public\.jwk\.json/,
    );
  });

  it('the public key file under <dataDir>/keys → its tokens accepted', async () => {
    const keys = await createGatewayTestKeys();
    fs.mkdirSync(path.join(dataDir, 'keys'));
    fs.writeFileSync(path.join(dataDir, 'keys', 'gateway-signing.public.jwk.json'), JSON.stringify(keys.publicJwk));
    running = await start();
    const token = await mintGatewayToken(keys, 'population', { identity: STAFF });
    const { status } = await graphqlRequest(running.url, '{ __typename }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
  });

  it('GOVGRAPH_GATEWAY_PUBLIC_JWK → its tokens accepted', async () => {
    const keys = await createGatewayTestKeys();
    process.env.GOVGRAPH_GATEWAY_PUBLIC_JWK = JSON.stringify(keys.publicJwk);
    running = await start();
    const token = await mintGatewayToken(keys, 'population', { identity: STAFF });
    const { status } = await graphqlRequest(running.url, '{ __typename }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
  });

  it('a JWK without kid (a key file of an earlier version) → tokens naming the key by its thumbprint accepted', async () => {
    const keys = await createGatewayTestKeys();
    const { kty, crv, x } = keys.publicJwk;
    running = await start({ env: { GOVGRAPH_GATEWAY_PUBLIC_JWK: JSON.stringify({ kty, crv, x }) } });
    const token = await mintGatewayToken(keys, 'population', { identity: STAFF });
    const { status } = await graphqlRequest(running.url, '{ __typename }', undefined, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
  });

  it('GOVGRAPH_GATEWAY_PUBLIC_JWK holding a JWKS → tokens of each of its keys accepted', async () => {
    const current = await createGatewayTestKeys();
    const previous = await createGatewayTestKeys();
    running = await start({ env: { GOVGRAPH_GATEWAY_PUBLIC_JWK: JSON.stringify({ keys: [current.publicJwk, previous.publicJwk] }) } });
    const statuses = [];
    for (const keys of [current, previous]) {
      const token = await mintGatewayToken(keys, 'population', { identity: STAFF });
      statuses.push((await graphqlRequest(running.url, '{ __typename }', undefined, { authorization: `Bearer ${token}` })).status);
    }
    expect(statuses).toEqual([200, 200]);
  });

  it('GOVGRAPH_GATEWAY_JWKS_URL → tokens of the keys it serves accepted', async () => {
    const keys = await createGatewayTestKeys();
    const jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify(keys.jwks)));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      running = await start({ env: { GOVGRAPH_GATEWAY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json` } });
      const token = await mintGatewayToken(keys, 'population', { identity: STAFF });
      const { status } = await graphqlRequest(running.url, '{ __typename }', undefined, { authorization: `Bearer ${token}` });
      expect(status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    }
  });

  it('both GOVGRAPH_GATEWAY_JWKS_URL and GOVGRAPH_GATEWAY_PUBLIC_JWK → start-up refused: set one', async () => {
    const keys = await createGatewayTestKeys();
    await expect(
      start({ env: { GOVGRAPH_GATEWAY_JWKS_URL: 'https://gateway.example/.well-known/jwks.json', GOVGRAPH_GATEWAY_PUBLIC_JWK: JSON.stringify(keys.publicJwk) } }),
    ).rejects.toThrow('population: Both GOVGRAPH_GATEWAY_JWKS_URL and GOVGRAPH_GATEWAY_PUBLIC_JWK are set');
  });

  it('an http GOVGRAPH_GATEWAY_JWKS_URL to another host in production → start-up refused', async () => {
    await expect(start({ env: { GOVGRAPH_MODE: 'production', GOVGRAPH_GATEWAY_JWKS_URL: 'http://gateway.internal/.well-known/jwks.json' } })).rejects.toThrow(
      'population: GOVGRAPH_GATEWAY_JWKS_URL must be an https URL in production',
    );
  });

  it("policies 'off' → requests without a token answered", async () => {
    running = await start({ policies: 'off' });
    const { status, body } = await graphqlRequest(running.url, '{ people(first: 1) { totalCount } }');
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it.each([
    ['NODE_ENV', 'production'],
    ['GOVGRAPH_MODE', 'production'],
  ])("policies 'off' with %s=%s → start-up refused", async (name, value) => {
    process.env[name] = value;
    await expect(start({ policies: 'off' })).rejects.toThrow(/policies 'off' is refused in production/);
  });
});
