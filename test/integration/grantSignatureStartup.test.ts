import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../gateway/server/startGateway';
import { FileGrantStore, GRANT_PUBLIC_JWK_ENV, GRANT_SIGNING_JWK_ENV } from '../../policies/grants';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { catalog } from '../../subgraphs/catalog';
import { startSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { ALLOW_ALL_POLICIES, createGatewayTestKeys, TEST_GRANT_PUBLIC_JWK } from '../support/gatewayTokens';

/**
 * An instance following a grant store without the catalog's public key could verify nothing
 * published there: it refuses to start, saying where the key goes. A catalog in production
 * without its signing key does not start either (no key is generated there).
 */
const ENV_KEYS = [GRANT_PUBLIC_JWK_ENV, GRANT_SIGNING_JWK_ENV, 'GOVGRAPH_MODE'] as const;
let dir: string;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
  for (const key of ENV_KEYS) delete process.env[key];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-no-grant-key-'));
});

afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const NO_KEY = /^No catalog's public key: set GOVGRAPH_GRANT_PUBLIC_JWK to it \(a JWK\), or put it in .*grant-signing\.public\.jwk\.json /;

describe("following a grant store without the catalog's public key", () => {
  it('gateway → start-up fails naming GOVGRAPH_GRANT_PUBLIC_JWK and the key file', async () => {
    const keysDir = path.join(dir, 'keys');
    const store = new FileGrantStore(path.join(dir, 'grants.json'));
    const starting = startGateway({ port: 0, supergraphFile: SUPERGRAPH_FILE, watch: false, grants: { store, keysDir } });
    await expect(starting).rejects.toThrow(NO_KEY);
    await expect(starting).rejects.toThrow(path.join(keysDir, 'grant-signing.public.jwk.json'));
    await store.close();
  });

  it('department → start-up fails the same way, naming <data dir>/keys, before its database opens', async () => {
    const dataDir = path.join(dir, 'data');
    const starting = startSubgraph(population, {
      port: 0,
      dataDir,
      databaseUrl: null,
      policies: ALLOW_ALL_POLICIES,
      gatewayKeys: (await createGatewayTestKeys()).verificationKeys,
    });
    await expect(starting).rejects.toThrow(NO_KEY);
    await expect(starting).rejects.toThrow(path.join(dataDir, 'keys', 'grant-signing.public.jwk.json'));
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('the catalog without its grant signing key', () => {
  it('production → start-up fails naming GOVGRAPH_GRANT_SIGNING_JWK and the key file; no key is created', async () => {
    process.env.GOVGRAPH_MODE = 'production';
    const dataDir = path.join(dir, 'data');
    const gatewayKeys = (await createGatewayTestKeys()).verificationKeys;
    const starting = startSubgraph(catalog, { port: 0, dataDir, databaseUrl: null, policies: ALLOW_ALL_POLICIES, gatewayKeys, grants: { publicKey: TEST_GRANT_PUBLIC_JWK } });
    await expect(starting).rejects.toThrow(
      `No grant signing key: set GOVGRAPH_GRANT_SIGNING_JWK to the catalog's private JWK, or put it in ${path.join(dataDir, 'keys', 'grant-signing.private.jwk.json')}`,
    );
    expect(fs.existsSync(path.join(dataDir, 'keys'))).toBe(false);
  });
});
