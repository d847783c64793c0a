import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../gateway/server/startGateway';
import { POLICY_PUBLIC_JWK_ENV } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { startSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { ALLOW_ALL_POLICIES, createGatewayTestKeys, TEST_GRANT_PUBLIC_JWK } from '../support/gatewayTokens';

/**
 * An instance told to follow a policy store without the publisher's public key could verify
 * nothing published there: it refuses to start, saying where the key goes. (No Redis needed:
 * it stops before connecting.)
 */
let keysDir: string;
let saved: string | undefined;

beforeEach(() => {
  saved = process.env[POLICY_PUBLIC_JWK_ENV];
  delete process.env[POLICY_PUBLIC_JWK_ENV];
  keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-no-policy-key-'));
});

afterEach(() => {
  if (saved === undefined) delete process.env[POLICY_PUBLIC_JWK_ENV];
  else process.env[POLICY_PUBLIC_JWK_ENV] = saved;
  fs.rmSync(keysDir, { recursive: true, force: true });
});

const NO_KEY = /^No policy publisher's public key: set GOVGRAPH_POLICY_PUBLIC_JWK to it \(a JWK\), or put it in .*policy-signing\.public\.jwk\.json /;

describe("following a policy store without the publisher's public key", () => {
  it('gateway → start-up fails naming GOVGRAPH_POLICY_PUBLIC_JWK and the key file', async () => {
    const starting = startGateway({ port: 0, supergraphFile: SUPERGRAPH_FILE, watch: false, policyStore: { redisUrl: 'redis://127.0.0.1:1', keysDir } });
    await expect(starting).rejects.toThrow(NO_KEY);
    await expect(starting).rejects.toThrow(path.join(keysDir, 'policy-signing.public.jwk.json'));
  });

  it('department → start-up fails the same way, before its database opens', async () => {
    const dataDir = path.join(keysDir, 'data');
    const starting = startSubgraph(population, {
      port: 0,
      dataDir,
      databaseUrl: null,
      policies: ALLOW_ALL_POLICIES,
      gatewayKeys: (await createGatewayTestKeys()).verificationKeys,
      grants: { publicKey: TEST_GRANT_PUBLIC_JWK },
      policyStore: { redisUrl: 'redis://127.0.0.1:1', keysDir },
    });
    await expect(starting).rejects.toThrow(NO_KEY);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});
