import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { SigningKey } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { loadOrCreateWriteBackSigningKey } from '../../schema/contracts/writeBack';
import { isProductionMode, type DepartmentRuntime, type DepartmentServices } from '../kit';
import type { ServicesDatabase } from './database';
import { departmentUrls } from './writeBack/departmentUrls';
import { httpWriteBackPublisher } from './writeBack/httpWriteBackPublisher';
import { redisWriteBackPublisher } from './writeBack/redisWriteBackPublisher';
import { startWriteBackRelay, type WriteBackRelay } from './writeBack/startWriteBackRelay';
import { loadWriteBackDeclarations, type WriteBackDeclarations } from './writeBack/writeBackDeclarations';
import { writeBackGatewayRoutes } from './writeBack/writeBackGatewayRoutes';
import { relaySettingsFromEnv } from './writeBack/writeBackRelaySettings';
import type { WriteBackPublisher } from './writeBack/WriteBackPublisher';

/** What the service platform keeps besides its database; resolvers see it as `ctx.services`. */
export interface ServicePlatform {
  /** What completing each item writes back (`writeBacks.yaml`). */
  declarations: WriteBackDeclarations;
  /** The service platform's write-back signing key: every event is sealed with it. */
  signingKey: SigningKey;
  relay: WriteBackRelay;
}

/**
 * The service platform's start: the write-back declarations (a problem stops start-up, naming
 * the file and line), the signing key (`GOVGRAPH_WRITE_BACK_SIGNING_JWK`, else
 * `<data dir>/keys/`, created there in development only), and the outbox relay, over Redis
 * Streams when `REDIS_URL` is set (keys under `GOVGRAPH_REDIS_PREFIX`), else posting to each
 * department (`GOVGRAPH_<NAME>_URL`, else its URL in the supergraph).
 */
export async function startServicePlatform(runtime: DepartmentRuntime<ServicesDatabase>): Promise<DepartmentServices<ServicePlatform>> {
  const { db, env, log } = runtime;
  const declarations = loadWriteBackDeclarations();
  const signingKey = loadOrCreateWriteBackSigningKey({ env, dir: path.join(runtime.dataDir, 'keys'), create: !isProductionMode(env as NodeJS.ProcessEnv) });
  const settings = relaySettingsFromEnv(env);
  const redisUrl = env.REDIS_URL?.trim();
  const publisher: WriteBackPublisher = redisUrl
    ? redisWriteBackPublisher({
        redisUrl,
        prefix: env.GOVGRAPH_REDIS_PREFIX?.trim() || undefined,
        consumer: `services-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
        // Outcomes are read only once the relay below exists (the follower reads asynchronously).
        onOutcome: (outcome) => relay.receive(outcome),
        timeoutMs: settings.timeoutMs,
        log,
      })
    : httpWriteBackPublisher({ urlOf: departmentUrls(env, SUPERGRAPH_FILE), timeoutMs: settings.timeoutMs });
  const relay = startWriteBackRelay({ db, publisher, settings, log });
  await relay.started;
  log.info({ transport: publisher.transport, items: declarations.items.size, keyId: signingKey.keyId }, 'relaying write-backs');
  return {
    services: { declarations, signingKey, relay },
    close: () => relay.close(),
    health: async () => ({ problem: null, details: { writeBacks: await relay.health() } }),
    gatewayRoutes: writeBackGatewayRoutes(db, log),
  };
}
