import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GatewayConfig } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { fakePolicySet, type FixtureStack } from './fixtureDepartments';

/**
 * Another gateway instance over a fixture stack's departments (same supergraph, same token
 * secret and keys), with its own audit ledger and the given settings: what a second
 * instance behind a load balancer is.
 */
export async function startSecondGateway(stack: FixtureStack, config: GatewayConfig): Promise<RunningGateway> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-second-gateway-'));
  const gateway = await startGateway({
    port: 0,
    supergraphFile: stack.supergraphFile,
    subgraphUrls: { alpha: stack.subgraphs.alpha.url, beta: stack.subgraphs.beta.url },
    watch: false,
    auth: { secret: stack.secret },
    gatewayKeys: stack.gatewayKeys,
    policies: fakePolicySet(),
    audit: { dir: path.join(dir, 'audit') },
    config,
  });
  return {
    ...gateway,
    async close() {
      await gateway.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
