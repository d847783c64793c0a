import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { ALLOW_ALL_POLICIES, createGatewayTestKeys, mintGatewayToken, STAFF, TEST_GRANT_PUBLIC_JWK } from '../support/gatewayTokens';
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

const start = (options: Partial<Parameters<typeof startSubgraph>[1]> = {}) => startSubgraph(population, { port: 0, dataDir, databaseUrl: null, policies: ALLOW_ALL_POLICIES, grants: { publicKey: TEST_GRANT_PUBLIC_JWK }, ...options });

describe('start-up', () => {
  it('no gateway public key anywhere → start-up fails saying how to provide one', async () => {
    await expect(start()).rejects.toThrow(/population: No gateway public key: set GOVGRAPH_GATEWAY_PUBLIC_JWK or start the gateway once to create .*gateway-signing\.public\.jwk\.json/);
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
