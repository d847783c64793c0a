import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { sql } from 'kysely';
import { limitConcurrentRequests, limitResultSize, requestBudgetOf, type RequestBudget } from './budget';
import { migrateToLatest } from './database/migrateToLatest';
import { databaseUrlFor, openDatabase, type DepartmentDatabase } from './database/openDatabase';
import type { DepartmentContext, DepartmentDefinition, SeedContext } from './defineDepartment';
import { startDepartmentServices, type DepartmentServices } from './departmentServices';
import { effectivePolicies, followGrants, grantKeysDir, grantStoreFrom, loadGrantPublicKey, type GrantStoreSettings } from '../../policies/grants';
import { createGraphClient } from './graphClient';
import { DISCLOSURE_REPLAY_PATH, type GatewayVerificationKeys } from '../../schema/contracts/gatewayToken';
import type { KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';
import { createLogger } from '../../schema/contracts/logger/createLogger';
import { enforcePolicies } from './enforcement/enforcePolicies';
import type { ApplyMask } from './enforcement/maskMiddleware';
import { gatewayClaimsOf, requireDisclosureReplayTokens, requireGatewayToken } from './enforcement/requireGatewayToken';
import { resolveEnforcement } from './enforcement/resolveEnforcement';
import { lookupCaseParties } from './enforcement/caseParties';
import type { SeedOptions } from './seed/seedWorld';
import { checkPolicyStoreOption, followPolicies, POLICIES_DIR, type PolicySet, type PolicyStoreOption } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { createDisclosureCollector } from './disclosures/DisclosureCollector';
import { disclosurePlugin } from './disclosures/disclosurePlugin';
import { databaseDisclosureWriter, type DisclosureWriter } from './disclosures/DisclosureWriter';
import { disclosureReplayRoute } from './disclosures/disclosureReplayRoute';
import { logDisclosures } from './disclosures/logDisclosures';
import { withDisclosureQueries } from './disclosures/withDisclosureQueries';
import { healthRoute, startService } from '../../schema/contracts/service';
import { formatDepartmentError } from './formatDepartmentError';
import type { DepartmentTls } from './transport/DepartmentTls';
import { useDepartmentMetrics } from './metrics/useDepartmentMetrics';
import { WRITE_BACK_DELIVERY_PATH } from '../../schema/contracts/writeBack';
import { startWriteBacks, writeBackPublicKeyOf, type RunningWriteBacks, type WriteBackOptions } from './writeBack/startWriteBacks';

export interface StartSubgraphOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** PostgreSQL URL; null forces SQLite; undefined reads `<NAME>_DATABASE_URL` or `DATABASE_URL`, else SQLite. */
  databaseUrl?: string | null;
  /** PostgreSQL schema; defaults to the department name. */
  databaseSchema?: string;
  /** Directory of SQLite files; defaults to `.data`. */
  dataDir?: string;
  /** Seed the tables when they have never been seeded. */
  seedIfEmpty?: SeedOptions;
  /** The gateway, for reads across departments; defaults to `http://127.0.0.1:4000/graphql` (`runDepartmentMain`: `GOVGRAPH_GATEWAY_URL`). */
  graphUrl?: string;
  /** Bearer token for those reads, or where to read it on each call (`runDepartmentMain`: `GOVGRAPH_SERVICE_TOKEN`, so a rotated one is picked up). */
  graphToken?: string | (() => string | undefined);
  /**
   * The gateway's keys gateway tokens are verified with, picked by each token's kid
   * (`localGatewayKeys`, `remoteGatewayKeys`); defaults to the gateway's JWKS at
   * `GOVGRAPH_GATEWAY_JWKS_URL`, else `GOVGRAPH_GATEWAY_PUBLIC_JWK` (a JWK or a JWKS), else
   * `<data dir>/keys/gateway-signing.public.jwk.json`. None → start-up fails.
   */
  gatewayKeys?: GatewayVerificationKeys;
  /**
   * The environment the department's keys and mode are read from where no option gives them
   * (`GOVGRAPH_GATEWAY_*`, `GOVGRAPH_GRANT_*`, `GOVGRAPH_POLICY_PUBLIC_JWK`, `NODE_ENV`,
   * `GOVGRAPH_MODE`); defaults to `process.env`.
   */
  env?: KeyEnv;
  /**
   * The policies enforced here (a loaded set or a directory); defaults to `policies/` checked against
   * `schema/composition/supergraph.graphql`, watched: a change that loads takes effect, one that does not
   * is refused (the last good set stays; `/health` shows why). `'off'` (benchmarks only,
   * refused in production) accepts requests without a gateway token and enforces no policy.
   */
  policies?: PolicySet | 'off' | { dir: string };
  /** Watch the policy directory (the default one, or `policies.dir`) for changes; defaults to true. */
  watchPolicies?: boolean;
  /**
   * Follow the policies published in Redis (`govgraph policy publish`) instead of watching the
   * policy directory: the files load first (they must), then the published version if it
   * loads. Off unless given (`runDepartmentMain` passes `REDIS_URL`).
   */
  policyStore?: PolicyStoreOption;
  /** How masked values are masked; defaults to the policy engine's `applyMask`. */
  applyMask?: ApplyMask;
  /**
   * Where access grants are published and followed; defaults to `<data dir>/grants.json` (`runDepartmentMain`
   * passes `REDIS_URL`). Each snapshot must be signed with the catalog's key, whose public half
   * is `grants.publicKey`, else `GOVGRAPH_GRANT_PUBLIC_JWK`, else `<data dir>/keys/grant-signing.public.jwk.json`;
   * none → start-up fails (with policies on).
   */
  grants?: GrantStoreSettings;
  /** Return internal error messages (never in production; `runDepartmentMain`: `GOVGRAPH_DEV_ERRORS=1`). */
  devErrors?: boolean;
  /** Where the disclosure log is written; defaults to the department's own database (tests inject a failing one). */
  disclosureWriter?: DisclosureWriter;
  /** Serve HTTPS to the gateway's client certificate alone (mutual TLS; `runDepartmentMain` reads `GOVGRAPH_TLS`); none: plain HTTP. */
  tls?: DepartmentTls;
  /** Prometheus metrics at `/metrics`, on unless false; with a `token` (16 characters or more), only a scraper sending it as a bearer token is answered. */
  metrics?: false | { token?: string };
  /** On close, how long requests in flight may finish before their connections are cut; defaults to 10 s. */
  drainMs?: number;
  /** Concurrent requests, their queue and statement time (`RequestBudget`); each left out at its default. */
  budget?: Partial<RequestBudget>;
  /**
   * For a department that declares write-backs: how it receives them. Always `POST /write-backs`;
   * with `redisUrl` (`runDepartmentMain` passes `REDIS_URL`) also its events stream in that Redis,
   * as one consumer of the group named after the department. Events are verified with `publicKey`,
   * else `GOVGRAPH_WRITE_BACK_PUBLIC_JWK`, else `<data dir>/keys/write-back-signing.public.jwk.json`;
   * none → start-up fails. Ignored by a department without write-backs.
   */
  writeBacks?: WriteBackOptions;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  database: DepartmentDatabase<any>;
  close(): Promise<void>;
}

const SEED_MARKER = 'kit_seed_runs';
const DEFAULT_DRAIN_MS = 10_000;

/** Where a department's own database is: its definition's choice, else `<NAME>_DATABASE_URL`, else `DATABASE_URL`. */
export function ownDatabaseUrl(definition: DepartmentDefinition<any, any>, env: NodeJS.ProcessEnv): string | undefined {
  return definition.databaseUrl ? definition.databaseUrl(env) || undefined : databaseUrlFor(definition.name, env);
}

/** Seeds the department once: a marker table records that it happened and with what. */
export async function seedIfNeverSeeded(
  definition: DepartmentDefinition<any, any>,
  database: DepartmentDatabase<any>,
  options: SeedOptions,
  where: SeedContext = { dataDir: path.resolve('.data'), env: process.env },
): Promise<boolean> {
  const db = database.db;
  await db.schema
    .createTable(SEED_MARKER)
    .ifNotExists()
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('scale', 'double precision', (c) => c.notNull())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
  const done = await db
    .selectFrom(SEED_MARKER as any)
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirst();
  if (Number((done as { n: number } | undefined)?.n ?? 0) > 0) return false;
  await definition.seed(db, options, where);
  await db
    .insertInto(SEED_MARKER as any)
    .values({ seed: options.seed, scale: options.scale, seeded_at: new Date().toISOString() } as any)
    .execute();
  return true;
}

/** Serves a department as a federation subgraph: database, migrations, seed, /graphql, /health, /disclosures/replay, /write-backs. */
export async function startSubgraph<DB, Loaders, Services>(definition: DepartmentDefinition<DB, Loaders, Services>, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const log = createLogger(definition.name);
  // Made first: a metrics token that is refused stops start-up before anything opens.
  const metrics =
    options.metrics === false ? undefined : useDepartmentMetrics({ department: definition.name, statementCount: () => database.statementCount(), token: options.metrics?.token });
  const budget = requestBudgetOf(options.budget);
  const devErrors = options.devErrors ?? false;
  const env = options.env ?? process.env;
  const enforcement = await resolveEnforcement(definition.name, options, log, env);
  const grantSettings = { ...options.grants, env: options.grants?.env ?? env, dataDir: options.dataDir ?? path.resolve('.data') };
  // Before anything opens: a department that cannot verify the grants it would follow does not start.
  const grantKey = enforcement.kind === 'on' ? loadGrantPublicKey({ jwk: grantSettings.publicKey, dir: grantKeysDir(grantSettings), env: grantSettings.env }) : undefined;
  const policyStore = options.policyStore && { ...options.policyStore, env: options.policyStore.env ?? env };
  const served = withDisclosureQueries(definition);
  const subgraphSchema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: served.resolvers as any }]);
  const disclosures = createDisclosureCollector(subgraphSchema, { owners: served.owners, recordTypes: definition.disclosures?.recordTypes });
  // Built once: rules read the policy set per request, so a reload will not rebuild it.
  const schema =
    enforcement.kind === 'on'
      ? enforcePolicies(subgraphSchema, {
          policies: effectivePolicies(
            () => enforcement.policies,
            () => enforcement.grants,
          ),
          owners: served.owners,
          applyMask: enforcement.applyMask,
          resolvers: served.resolvers,
          disclosures,
        })
      : logDisclosures(subgraphSchema, disclosures, served.resolvers);
  // Outermost, on the served schema: every list the department answers with counts against the request's budget.
  const resultSize = limitResultSize({ department: definition.name, maxItems: budget.maxResultItems, log, discard: (context) => disclosures.take(context) });
  resultSize.apply(schema);
  if (policyStore) checkPolicyStoreOption(policyStore);
  const policyFollow =
    enforcement.kind === 'on'
      ? await followPolicies({
          store: policyStore,
          dir:
            (options.policies === undefined || (options.policies !== 'off' && 'dir' in options.policies)) && (options.watchPolicies ?? true)
              ? ((options.policies as { dir: string } | undefined)?.dir ?? POLICIES_DIR)
              : null,
          supergraphSdl: () => fs.readFileSync(SUPERGRAPH_FILE, 'utf8'),
          current: () => enforcement.policies,
          apply: (policies) => (enforcement.policies = policies),
          log,
        })
      : undefined;
  // Before the database opens: a department that cannot verify the write-backs it declares does not start.
  let writeBackKey;
  try {
    writeBackKey = definition.writeBacks ? writeBackPublicKeyOf(definition.name, options.writeBacks, env, options.dataDir ?? path.resolve('.data')) : undefined;
  } catch (error) {
    await policyFollow?.close();
    throw error;
  }
  const database = await openDatabase<DB>({
    department: definition.name,
    url: options.databaseUrl === null ? undefined : (options.databaseUrl ?? ownDatabaseUrl(definition, process.env)),
    schema: options.databaseSchema,
    dataDir: options.dataDir,
    statementTimeoutMs: budget.statementTimeoutMs,
  });
  // The access grants approved in the catalog, laid over the policies as they are published.
  const grantStore = grantKey ? grantStoreFrom(grantSettings) : undefined;
  const grantFollow = grantStore && grantKey && enforcement.kind === 'on' ? followGrants(grantStore, grantKey, (index) => (enforcement.grants = index), log) : undefined;
  const stopGrants = async (): Promise<void> => {
    grantFollow?.stop();
    await grantStore?.close();
  };
  let started: DepartmentServices<Services> | undefined;
  try {
    await migrateToLatest(definition.name, database.db, definition.migrations, database.schema);
    if (options.seedIfEmpty)
      await seedIfNeverSeeded(definition, database, options.seedIfEmpty, { dataDir: options.dataDir ?? path.resolve('.data'), env: env as NodeJS.ProcessEnv });
    started = await startDepartmentServices(definition.start?.bind(definition), {
      department: definition.name,
      db: database.db,
      schema: database.schema,
      dataDir: options.dataDir,
      policies: () => (enforcement.kind === 'on' ? enforcement.policies : null),
      grants: { ...options.grants, env: grantSettings.env },
      env,
      log,
    });
  } catch (error) {
    await stopGrants();
    await policyFollow?.close();
    await database.close();
    throw error;
  }

  const countedWrites = (writer: DisclosureWriter): DisclosureWriter => (metrics ? metrics.countWrites(writer) : writer);
  const server = new ApolloServer<DepartmentContext<DB, Loaders, Services>>({
    schema,
    includeStacktraceInErrorResponses: devErrors,
    formatError: formatDepartmentError(definition.name, devErrors, log),
    // The process owner (runDepartmentMain) stops on SIGINT/SIGTERM and exits 0; Apollo's own handler would re-raise the signal first.
    stopOnTerminationSignals: false,
    // Cache hints are unused, and the plugin would instrument every field resolver.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      resultSize.plugin,
      disclosurePlugin({ department: definition.name, disclosures, writer: countedWrites(options.disclosureWriter ?? databaseDisclosureWriter(database.db)), log }),
      ...(metrics ? [metrics] : []),
    ],
  });
  await server.start();

  const graph = createGraphClient(options.graphUrl ?? 'http://127.0.0.1:4000/graphql', (): Record<string, string> => {
    // Read per call, so a rotated service token is picked up without a restart.
    const token = typeof options.graphToken === 'function' ? options.graphToken() : options.graphToken;
    return token ? { authorization: `Bearer ${token}` } : {};
  });
  const concurrency = limitConcurrentRequests(definition.name, budget, log);
  const writeBacks: RunningWriteBacks | undefined =
    definition.writeBacks && writeBackKey
      ? startWriteBacks({
          department: definition.name,
          db: database.db,
          actions: definition.writeBacks.actions,
          publicKey: writeBackKey,
          policies: () => (enforcement.kind === 'on' ? enforcement.policies : null),
          log,
          env,
          options: options.writeBacks,
        })
      : undefined;
  const app = express();
  app.disable('x-powered-by');
  // What the department's own services add (an adapter's source), asked once per health request.
  const servicesHealth = async (): Promise<{ problem: string | null; details?: Record<string, unknown> } | undefined> => {
    try {
      return await started?.health?.();
    } catch (error) {
      return { problem: (error as Error).message };
    }
  };
  app.get('/ready', async (_req, res) => {
    const problem = (await servicesHealth())?.problem ?? null;
    res.status(problem ? 503 : 200).json(problem ? { ready: false, problem } : { ready: true });
  });
  app.get(
    '/health',
    healthRoute(async () => {
      const policyError = policyFollow?.lastError();
      const own = await servicesHealth();
      return {
        status: 'up',
        department: definition.name,
        database: database.dialect,
        sqlStatements: database.statementCount(),
        // Which policies this department enforces (sha256 of the files; null when switched off).
        policies: enforcement.kind === 'on' ? enforcement.policies.hash : null,
        // The published version in force (null: the files) and, with a store, whether Redis answers.
        ...(policyFollow?.health() ?? { policyVersion: null }),
        ...grantFollow?.health(),
        ...(policyError && { policyError }),
        requests: concurrency.load(),
        // How write-backs arrive and what was decided since start.
        ...(writeBacks && { writeBacks: writeBacks.health() }),
        ...own?.details,
        // Whether it can serve: false with the reason when its own services say not (a source that is gone).
        ready: !own?.problem,
        ...(own?.problem && { problem: own.problem }),
      };
    }),
  );
  if (metrics) app.get('/metrics', metrics.route);
  if (metrics) app.use('/graphql', metrics.inFlight);
  // Only the gateway may ask: nothing under /graphql answers without its token.
  if (enforcement.kind === 'on') {
    const guard = requireGatewayToken(definition.name, enforcement.gatewayKeys, log);
    app.use('/graphql', metrics ? metrics.countRefusals(guard) : guard);
    // A request the gateway answered from its cache: the department logs the new read of its
    // records (docs/department-token.md). Only with the token check on: its token names the reader.
    app.post(
      DISCLOSURE_REPLAY_PATH,
      express.json({ limit: '1mb' }),
      requireDisclosureReplayTokens(definition.name, enforcement.gatewayKeys, log),
      concurrency.handler,
      disclosureReplayRoute({ department: definition.name, db: database.db, log }),
    );
    for (const [route, handler] of Object.entries(started?.gatewayRoutes ?? {})) {
      app.get(route, requireGatewayToken(definition.name, enforcement.gatewayKeys, log), handler);
    }
  }
  // Signed by the service platform, not the gateway: each event's signature is its own check.
  if (writeBacks) app.post(WRITE_BACK_DELIVERY_PATH, writeBacks.route.parse, concurrency.handler, writeBacks.route.handle, writeBacks.route.refuseBody);
  // After the token check: a caller the department refuses anyway takes no turn.
  app.use('/graphql', concurrency.handler);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const claims = gatewayClaimsOf(res);
        return {
          department: definition.name,
          db: database.db,
          loaders: definition.createLoaders(database.db),
          requestId: claims?.requestId || String(req.headers['x-request-id'] ?? randomUUID()),
          identity: claims?.identity ?? null,
          purpose: claims?.purpose ?? null,
          caseId: claims?.caseId ?? null,
          // Looked up only when a case-bound grant could apply to this reader.
          caseParties:
            enforcement.kind === 'on' && claims?.caseId && claims.identity?.dept && claims.purpose && enforcement.grants.hasCaseBound(claims.identity.dept, claims.purpose)
              ? await lookupCaseParties(graph, claims.caseId)
              : null,
          graph,
          services: started?.services as Services,
        };
      },
    }),
  );

  const service = await startService({
    name: `department ${definition.name}`,
    handler: app,
    port: options.port,
    host: options.host ?? '127.0.0.1',
    tls: options.tls,
    log,
    drainMs: options.drainMs ?? DEFAULT_DRAIN_MS,
    stopping: async () => {
      // No new write-back is taken from the stream; one being decided is finished first.
      await writeBacks?.close();
      await stopGrants();
      await policyFollow?.close();
    },
    // Requests in flight are answered (up to `drainMs`) before the database closes under them.
    closers: [() => server.stop(), () => started?.close(), () => database.close()],
  });
  log.info({ url: service.url, database: database.location }, 'subgraph listening');
  return { name: definition.name, url: service.url, port: service.port, database, close: service.close };
}
