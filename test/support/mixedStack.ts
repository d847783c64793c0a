import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { gatewayConfigOf, type GatewayConfigInput } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server/startGateway';
import { ALPHA_SDL, alpha, createTestGatewayKeys, fakePolicySet } from './fixtureDepartments';
import { TEST_GRANT_PUBLIC_JWK } from './gatewayTokens';
import { localGatewayKeys } from '../../schema/contracts/gatewayToken';
import { startPlainSubgraph, type PlainSubgraph, type PlainSubgraphOptions } from './plainSubgraph';

/** A department of another stack: plain Apollo Server, no health route, its own error codes. */
export interface ForeignDepartment extends Pick<PlainSubgraphOptions, 'resolvers' | 'formatError'> {
  sdl: string;
}

export interface MixedStack {
  gateway: RunningGateway;
  /** The kit fixture department. */
  alpha: RunningSubgraph;
  /** The foreign department, named `gamma` in the supergraph. */
  gamma: PlainSubgraph;
  /** `/health` of the gateway. */
  healthUrl: string;
  close(): Promise<void>;
}

/** A URL nothing listens on: the gateway reaches the departments through its URL overrides. */
const UNREACHABLE = 'http://127.0.0.1:1/graphql';

/** The kit's `alpha` and a foreign `gamma` on free ports, under a gateway with `gatewayConfig` (every field readable). */
export async function startMixedStack(gamma: ForeignDepartment, gatewayConfig: GatewayConfigInput = {}): Promise<MixedStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-mixed-'));
  const composed = composeServices([
    { name: 'alpha', url: UNREACHABLE, typeDefs: parse(ALPHA_SDL) },
    { name: 'gamma', url: UNREACHABLE, typeDefs: parse(gamma.sdl) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphFile = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphFile, composed.supergraphSdl);
  fs.writeFileSync(path.join(dir, 'audit-key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  const gatewayKeys = await createTestGatewayKeys();
  const policies = fakePolicySet();
  const alphaRunning = await startSubgraph(alpha, {
    port: 0,
    dataDir: dir,
    seedIfEmpty: { seed: 1, scale: 1 },
    gatewayKeys: await localGatewayKeys(gatewayKeys.jwks),
    grants: { publicKey: TEST_GRANT_PUBLIC_JWK },
    policies,
  });
  const gammaRunning = await startPlainSubgraph(gamma);
  const gateway = await startGateway({
    port: 0,
    supergraphFile,
    subgraphUrls: { alpha: alphaRunning.url, gamma: gammaRunning.url },
    watch: false,
    auth: { secret: new TextEncoder().encode(randomBytes(32).toString('base64url')) },
    gatewayKeys,
    config: gatewayConfigOf({ rateLimits: { enabled: false }, subgraphs: { timeoutMs: 30_000 }, ...gatewayConfig }),
    audit: { dir: path.join(dir, 'audit') },
    policies,
  });
  return {
    gateway,
    alpha: alphaRunning,
    gamma: gammaRunning,
    healthUrl: `${new URL(gateway.url).origin}/health`,
    async close() {
      await gateway.close();
      await Promise.all([alphaRunning.close(), gammaRunning.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
