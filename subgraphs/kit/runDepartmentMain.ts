import path from 'node:path';
import { policyStoreFromEnv } from '../../policies';
import { openDatabase } from './database/openDatabase';
import { migrateToLatest } from './database/migrateToLatest';
import { resetDatabase } from './database/resetDatabase';
import type { RequestBudget } from './budget';
import type { DepartmentDefinition } from './defineDepartment';
import { ownDatabaseUrl, seedIfNeverSeeded, startSubgraph } from './startSubgraph';
import type { SeedOptions } from './seed/seedWorld';
import { grantStoreSettingsFromEnv } from '../../policies/grants';
import { departmentTlsFromEnv } from './transport/departmentTlsFromEnv';
import type { DepartmentTls } from './transport/DepartmentTls';
import { terminationSignal } from '../../schema/contracts/service';

/**
 * The process entry of a department (`subgraphs/<name>/server.ts`).
 *
 *   server.ts          serve the subgraph
 *   server.ts seed     replace the department's data with a fresh seed, then exit
 *
 * Settings come from the environment: `<NAME>_PORT` (else the default port),
 * `<NAME>_DATABASE_URL` or `DATABASE_URL` (else SQLite under `GOVGRAPH_DATA_DIR` or
 * `.data/`), `GOVGRAPH_SEED` and `GOVGRAPH_SCALE`, and `GOVGRAPH_SEED_IF_EMPTY=0` to
 * serve without seeding a never-seeded database. Gateway tokens are verified with the
 * gateway's JWKS at `GOVGRAPH_GATEWAY_JWKS_URL`, else `GOVGRAPH_GATEWAY_PUBLIC_JWK` (a JWK or
 * JWKS), else `<data dir>/keys/`; the policies are `policies/`;
 * `GOVGRAPH_POLICIES=off` turns both checks off (benchmarks only, refused in production).
 * With `REDIS_URL` the policies published there (`govgraph policy publish`) are followed
 * instead of watching `policies/` (keys under `GOVGRAPH_REDIS_PREFIX`, default `govgraph:`), each
 * verified with the publisher's key `GOVGRAPH_POLICY_PUBLIC_JWK` (else `<data dir>/keys/`; none: no start).
 * The access grants the catalog publishes (`REDIS_URL`, else `<data dir>/grants.json`) are
 * verified with its key `GOVGRAPH_GRANT_PUBLIC_JWK` (else `<data dir>/keys/`; none: no start);
 * the catalog signs them with `GOVGRAPH_GRANT_SIGNING_JWK` (else `<data dir>/keys/`, created in development).
 * `GOVGRAPH_TLS=1` serves HTTPS to the gateway's client certificate alone (mutual TLS): the server
 * certificate and key in `GOVGRAPH_TLS_SERVER_CERT` / `GOVGRAPH_TLS_SERVER_KEY` and the CA in
 * `GOVGRAPH_TLS_CA` (else, in development, the set under `<data dir>/tls/`); the gateway's
 * certificate must name `GOVGRAPH_TLS_GATEWAY_NAME` (default `govgraph-gateway`).
 * Metrics are served at `/metrics` unless `GOVGRAPH_METRICS=off`, to a scraper sending
 * `GOVGRAPH_METRICS_TOKEN` as a bearer token when it is set.
 * A department declaring write-backs receives them at `POST /write-backs` and, with `REDIS_URL`, from
 * its events stream there (`<GOVGRAPH_REDIS_PREFIX>write-backs:<name>`), verified with the service
 * platform's key `GOVGRAPH_WRITE_BACK_PUBLIC_JWK` (else `<data dir>/keys/`; none: no start).
 * Its request budget: `GOVGRAPH_MAX_CONCURRENT_REQUESTS`, `GOVGRAPH_MAX_QUEUED_REQUESTS`,
 * `GOVGRAPH_STATEMENT_TIMEOUT_MS`, `GOVGRAPH_MAX_RESULT_ITEMS` (see `RequestBudget`).
 * A parent process (`govgraph start`) learns over IPC where the department listens.
 */
export function runDepartmentMain(definition: DepartmentDefinition<any, any>, defaultPort: number): void {
  const env = process.env;
  const name = definition.name;
  const seedOptions: SeedOptions = { seed: Number(env.GOVGRAPH_SEED ?? 1), scale: Number(env.GOVGRAPH_SCALE ?? 1) };
  const fail = (error: Error): never => {
    process.send?.({ type: 'failed', name, message: error.message });
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  };

  if (process.argv[2] === 'seed') {
    reseed(definition, seedOptions, env.GOVGRAPH_DATA_DIR).then((location) => {
      console.log(`${name.padEnd(10)} seeded (seed ${seedOptions.seed}, scale ${seedOptions.scale}) in ${location}`);
      process.exit(0);
    }, fail);
    return;
  }

  const port = Number(env[`${name.toUpperCase()}_PORT`] ?? defaultPort);
  const seedIfEmpty = env.GOVGRAPH_SEED_IF_EMPTY === '0' ? undefined : seedOptions;
  const policies = env.GOVGRAPH_POLICIES === 'off' ? 'off' : undefined;
  let budget: Partial<RequestBudget>;
  try {
    budget = budgetFromEnv(env);
  } catch (error) {
    fail(error as Error);
    return;
  }
  const metrics = /^(0|false|off|no)$/i.test(env.GOVGRAPH_METRICS?.trim() ?? '') ? false : { token: env.GOVGRAPH_METRICS_TOKEN?.trim() || undefined };
  const serve = (tls: DepartmentTls | undefined) =>
    startSubgraph(definition, {
      port,
      seedIfEmpty,
      dataDir: env.GOVGRAPH_DATA_DIR,
      env,
      grants: grantStoreSettingsFromEnv(env),
      policies,
      policyStore: policyStoreFromEnv(env),
      tls,
      metrics,
      budget,
      writeBacks: { redisUrl: env.REDIS_URL || undefined, prefix: env.GOVGRAPH_REDIS_PREFIX || undefined },
      devErrors: env.GOVGRAPH_DEV_ERRORS === '1',
      graphUrl: env.GOVGRAPH_GATEWAY_URL || undefined,
      // Read on each call, so a rotated service token is picked up without a restart.
      graphToken: () => process.env.GOVGRAPH_SERVICE_TOKEN,
    });
  departmentTlsFromEnv(env, env.GOVGRAPH_DATA_DIR)
    .then(serve)
    .then((running) => {
      process.send?.({ type: 'ready', name, url: running.url, database: running.database.location });
      if (!process.send) console.log(`${name.padEnd(10)} ${running.url}  (${running.database.location})`);
      void terminationSignal(['SIGINT', 'SIGTERM', 'disconnect'])
        .then(() => running.close())
        .finally(() => process.exit(0));
    }, fail);
}

const BUDGET_ENV: Record<keyof RequestBudget, string> = {
  maxConcurrent: 'GOVGRAPH_MAX_CONCURRENT_REQUESTS',
  maxQueued: 'GOVGRAPH_MAX_QUEUED_REQUESTS',
  statementTimeoutMs: 'GOVGRAPH_STATEMENT_TIMEOUT_MS',
  maxResultItems: 'GOVGRAPH_MAX_RESULT_ITEMS',
};

/** The budget settings the environment gives; one that is not a whole number stops start-up naming the variable. */
function budgetFromEnv(env: NodeJS.ProcessEnv): Partial<RequestBudget> {
  const budget: Partial<RequestBudget> = {};
  for (const [key, name] of Object.entries(BUDGET_ENV) as [keyof RequestBudget, string][]) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!/^\d+$/.test(value)) throw new Error(`${name}='${value}': expected a whole number`);
    budget[key] = Number(value);
  }
  return budget;
}

async function reseed(definition: DepartmentDefinition<any, any>, options: SeedOptions, dataDir?: string): Promise<string> {
  const url = ownDatabaseUrl(definition, process.env);
  await resetDatabase({ department: definition.name, url, dataDir });
  const database = await openDatabase({ department: definition.name, url, dataDir });
  try {
    await migrateToLatest(definition.name, database.db, definition.migrations, database.schema);
    await seedIfNeverSeeded(definition, database, options, { dataDir: dataDir ?? path.resolve('.data'), env: process.env });
    return database.location;
  } finally {
    await database.close();
  }
}
