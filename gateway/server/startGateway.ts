import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { JWK } from 'jose';
import { applyMask, checkFollowedPolicyStore, followPolicies, POLICIES_DIR, type PolicySet, type PolicyStoreOption } from '../../policies';
import { keysDir, type GatewayKeys } from '../../schema/contracts/gatewayToken';
import type { KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';
import { createLogger } from '../../schema/contracts/logger/createLogger';
import { startService } from '../../schema/contracts/service';
import { effectivePolicies, followGrants, GrantIndex, loadGrantPublicKey, type GrantStore } from '../../policies/grants';
import { auditedContext, followWriteBackOutcomes, GatewayAudit, writeBackOutcomesFrom, type AuditOptions, type WriteBackAuditFollow, type WriteBackCursor } from '../audit';
import { createAuthenticator, createReaderContext, resolveAuthConfig, type AuthOptions } from '../authenticate';
import { isPolicySet, loadPolicies, PolicyEnforcingGateway, unenforcedPurposes, type ApplyMask, type PoliciesOption } from '../policy';
import { createSubgraphFetcher } from '../execute/createSubgraphFetcher';
import { createDisclosureReplayer } from '../execute/replayDisclosures';
import { createResponseCache, memoryResponseCacheStore, redisResponseCacheStore, type ResponseCache } from '../cache';
import { loadGatewayKeys } from '../execute/loadGatewayKeys';
import { gatewayTlsOf } from '../execute/gatewayTlsOf';
import { useMetrics } from '../metrics';
import { usePersistedOperations } from '../limit/persisted';
import { createRateLimiter, rateLimitedContext } from '../limit/rate';
import { useOperationLimits } from '../limit';
import { answerClientError } from './answerClientError';
import { createFormatError } from './createFormatError';
import { createGatewayApp } from './createGatewayApp';
import { gatewayConfigOf, type GatewayConfig } from '../config';
import { POLICY_OUTCOME, type RequestContext } from '../request';
import { readinessOf, type ReadinessCheck } from './readiness';
import { redisReadiness } from './redisReadiness';
import { DepartmentBreakers, SubgraphDataSource } from '../execute';
import { departmentsReport, type DepartmentSupervision } from './departmentsReport';
import { gatewayPlugins } from './plugins';
import { resolveSubgraphUrl } from './resolveSubgraphUrl';
import { subgraphsOfSupergraph, type SubgraphEndpoint } from './subgraphsOfSupergraph';
import { supergraphFromFile } from './supergraphFromFile';
import { useTracing } from '../tracing';
import { createDepartmentGet, SERVICE_PLATFORM } from '../execute/departmentGet';
import { createHeadPoller, createUpdatesQuery, eventsRoute, loopbackGraphqlUrl } from '../events';
import { APPLICATION_UPDATES_HEAD_PATH } from '../../schema/contracts/writeBack';

/** Application updates per query of an `/events` stream. */
const EVENTS_PAGE_SIZE = 50;

export interface StartGatewayOptions {
  /**
   * Every setting of the instance (`readGatewayConfig(process.env)` at the command line;
   * `gatewayConfigOf({...})` in code); defaults to every setting's default.
   */
  config?: GatewayConfig;
  /** Overrides `config.port`; 0 picks a free port. */
  port?: number;
  /** Overrides `config.host` (127.0.0.1: exposing the gateway beyond the host is a deliberate choice). */
  host?: string;
  /** The composed supergraph (`schema/composition/supergraph.graphql`). */
  supergraphFile: string;
  /** Subgraph name → URL, replacing the URL in the supergraph (see `resolveSubgraphUrl`). */
  subgraphUrls?: Record<string, string>;
  /** Reload the supergraph file, and policy files given as a directory, when they change; defaults to true. */
  watch?: boolean;
  /**
   * The field-level policies: a loaded set, or a directory of policy files; defaults to
   * `policies/`, loaded against the supergraph. Policies that do not load stop start-up;
   * a directory is watched (with `watch`), and a change that does not load is refused
   * while the last good set stays in force (`/health` shows the error). With the policies
   * switched off (`config.enforcePolicies: false`) no rule is loaded: only the purposes the
   * vocabulary declares are read (`unenforcedPurposes`).
   */
  policies?: PoliciesOption;
  /** How callers' JWTs are verified (see `resolveAuthConfig`). */
  auth?: AuthOptions;
  /**
   * The keys that sign the identity token sent to each subgraph, published at
   * `/.well-known/jwks.json`; defaults to the configured ones (`loadGatewayKeys(config)`).
   */
  gatewayKeys?: GatewayKeys;
  /** Masks key fields the policies mask (defaults to the policy engine's). */
  applyMask?: ApplyMask;
  /**
   * Where the access grants approved in the catalog are published (`grantStoreFrom`): followed
   * while the gateway runs and laid over the policies. None: no grant applies. Only snapshots
   * signed with the catalog's key take effect; its public half is `publicKey`, else
   * `GOVGRAPH_GRANT_PUBLIC_JWK` of `env` (the command line's environment; none by default), else
   * `<keysDir>/grant-signing.public.jwk.json` (`keysDir` defaults to `<dataDir>/keys`). Without it start-up fails.
   */
  grants?: { store: GrantStore; publicKey?: JWK; keysDir?: string; env?: KeyEnv };
  /** The audit ledger: directory, key, store (see `AuditOptions`); a ledger that cannot be opened or continued stops start-up. */
  audit?: AuditOptions;
  /**
   * Follow the policies published in Redis (`govgraph policy publish`) instead of watching the
   * policy directory: the files load first (they must), then the published version if it
   * is signed with the publisher's key and loads. Off unless given (`govgraph start` passes
   * `REDIS_URL`). Without the publisher's public key start-up fails.
   */
  policyStore?: PolicyStoreOption;
  /** The department processes `govgraph start` supervises, for `/health` (`departments.<name>.process`). */
  supervision?: () => Record<string, DepartmentSupervision>;
}

export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the supergraph: authenticates each caller, decides every selected field against
 * the policies before planning, plans across the department subgraphs and executes,
 * vouching for the reader to each subgraph with a token of its own.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const config = options.config ?? gatewayConfigOf();
  const log = createLogger('gateway', { level: config.observability.logLevel });
  const { mode, devErrors, deniedFields, enforcePolicies } = config;
  // The publisher's key file, like every development key, under the configured data directory.
  const policyStore = options.policyStore && { ...options.policyStore, keysDir: options.policyStore.keysDir ?? keysDir(config.dataDir) };
  if (policyStore) checkFollowedPolicyStore(policyStore);
  if (!enforcePolicies && mode === 'production') {
    throw new Error('GOVGRAPH_POLICIES=off (enforcePolicies: false) is refused in production mode: every field would be served to every caller');
  }
  // A gateway that cannot verify the grants it would follow does not start.
  const grantKey =
    enforcePolicies && options.grants
      ? loadGrantPublicKey({ jwk: options.grants.publicKey, dir: options.grants.keysDir ?? keysDir(config.dataDir), env: options.grants.env ?? {} })
      : undefined;
  if (config.cache.enabled && (!enforcePolicies || config.subgraphPolicies !== 'enforced')) {
    throw new Error(
      'GOVGRAPH_RESPONSE_CACHE=on needs the policies enforced (GOVGRAPH_POLICIES on) by departments that keep a disclosure log (GOVGRAPH_SUBGRAPH_POLICIES=enforced): a cached answer is served only once each department has logged the read',
    );
  }
  const authenticate = createAuthenticator(resolveAuthConfig(options.auth, config));
  const keys = options.gatewayKeys ?? (await loadGatewayKeys(config));
  // The ledger as given in code, else as configured: the Redis stream with REDIS_URL, else the files.
  const audit = new GatewayAudit(
    options.audit ?? {
      dir: config.audit.dir ?? path.join(config.dataDir, 'audit'),
      key: config.audit.key,
      ...(config.redisUrl && { redis: { url: config.redisUrl, stream: config.audit.stream } }),
    },
    { mode, log },
  );
  // Mutual TLS to the departments when `config.tls` says so; a certificate that cannot serve stops start-up here.
  const subgraphFetcher = createSubgraphFetcher(await gatewayTlsOf(config));
  // Stage 2, shared through Redis when configured: rate limits (as the context is built) and persisted / safelisted operations (Apollo).
  const shared = { redisUrl: config.redisUrl, prefix: config.redisPrefix, log };
  const rateLimiter = createRateLimiter(config.rateLimits, shared);
  const operations = usePersistedOperations(config.operations, { ...shared, dataDir: config.dataDir });
  const limits = useOperationLimits(config.limits, { mode });
  // What start-up has opened so far, closed again when a later step fails.
  // The policy-aware response cache, when on: in Redis with REDIS_URL (every instance shares it), else in memory.
  let subgraphs: SubgraphEndpoint[] = [];
  const responseCache: ResponseCache | undefined = config.cache.enabled
    ? createResponseCache({
        store: config.redisUrl
          ? redisResponseCacheStore({ url: config.redisUrl, prefix: config.redisPrefix, timeoutMs: config.cache.storeTimeoutMs, log })
          : memoryResponseCacheStore({ maxEntries: config.cache.maxEntries }),
        replayDisclosures: createDisclosureReplayer({
          keys,
          urlOf: (department) => subgraphs.find((subgraph) => subgraph.name === department)?.url,
          request: subgraphFetcher.request,
          timeoutMs: config.subgraphs.timeoutMs,
        }),
        departments: () => subgraphs.map((subgraph) => subgraph.name),
        log,
      })
    : undefined;
  const closeOpened = () => Promise.all([rateLimiter.close(), operations.close(), subgraphFetcher.close(), responseCache?.close()]);
  // The gateway's own requests to a department (the service platform's feeds), with a gateway token of their own.
  const departmentGet = createDepartmentGet({
    keys,
    urlOf: (department) => subgraphs.find((subgraph) => subgraph.name === department)?.url,
    request: subgraphFetcher.request,
    timeoutMs: config.subgraphs.timeoutMs,
  });
  const hasServicePlatform = () => subgraphs.some((subgraph) => subgraph.name === SERVICE_PLATFORM);
  // Stage 4: one breaker per department for the gateway's life (a supergraph reload keeps them).
  const breakers = new DepartmentBreakers(config.subgraphs.breaker, log);
  const urlOf = (name: string, bakedUrl: string | undefined): string => resolveSubgraphUrl(name, bakedUrl, { ...config.subgraphUrls, ...options.subgraphUrls });

  // Observability (gateway/metrics, gateway/tracing): metrics unless switched off, traces only when asked for.
  const { observability } = config;
  const metrics = observability.metrics
    ? useMetrics<RequestContext>({
        deniedCoordinatesOf: (context) => POLICY_OUTCOME.get(context)?.denied ?? [],
        cacheResultOf: (context) => POLICY_OUTCOME.get(context)?.cache,
        breakerStates: () => breakers.breakerStates(),
        token: observability.metricsToken,
        maxOperationNames: observability.metricsOperationNames,
      })
    : undefined;
  const tracing = observability.tracing ? useTracing<RequestContext>({ requestIdOf: (context) => context.reader.requestId, endpoint: observability.otlpEndpoint }) : undefined;
  // Every department fetch, however it ended, counted and timed (the breakers see each one).
  if (metrics) breakers.onFetch((department, ms, outcome) => metrics.observeFetch(department, ms / 1000, outcome));

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(options.supergraphFile, { watch: options.watch ?? true, log }),
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource({ name, url: urlOf(name, url), log, keys, timeoutMs: config.subgraphs.timeoutMs, request: subgraphFetcher.request, breakers });
      return audit.observe(name, tracing ? tracing.observe(name, source) : source);
    },
    logger: log,
  });
  let supergraphSdl = '';
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    supergraphSdl = coreSupergraphSdl;
    subgraphs = subgraphsOfSupergraph(coreSupergraphSdl).map(({ name, url }) => ({ name, url: urlOf(name, url) }));
  });

  // Filled in once the supergraph is known, before the gateway listens (never with the policies off).
  let policySet: PolicySet | undefined;
  // The declared purposes when the policies are off (X-Purpose is checked all the same).
  let purposesWhenOff: readonly string[] = [];
  const currentPolicies = (): PolicySet => {
    if (!policySet) throw new Error('The policies are not loaded yet');
    return policySet;
  };
  // The access grants in force, laid over the policies per request (replaced on each publish).
  let grantIndex = GrantIndex.EMPTY;
  if (!enforcePolicies) {
    log.warn('POLICIES ARE NOT ENFORCED: every field is served to every caller (GOVGRAPH_POLICIES=off, for benchmarks only)');
  }

  const server = new ApolloServer<RequestContext>({
    gateway: enforcePolicies
      ? new PolicyEnforcingGateway(gateway, {
          policies: effectivePolicies(currentPolicies, () => grantIndex),
          deniedFields,
          applyMask: options.applyMask ?? applyMask,
          subgraphsEnforce: config.subgraphPolicies === 'enforced',
          ...(responseCache && { cache: { responses: responseCache, departmentsCalled: (context: object) => audit.subgraphsCalledBy(context) } }),
        })
      : gateway,
    plugins: gatewayPlugins({ log, production: mode === 'production', audit, tracing, metrics, operations: operations.plugins, limits: limits.plugin }),
    ...limits.serverOptions,
    persistedQueries: operations.persistedQueries,
    formatError: createFormatError({ devErrors, production: mode === 'production', log }),
    includeStacktraceInErrorResponses: devErrors,
    // The process owner (`govgraph start`) stops on SIGINT/SIGTERM; Apollo's own handler would re-raise the signal and kill it first.
    stopOnTerminationSignals: false,
    // On for everyone: the introspection plugin decides who may introspect.
    introspection: true,
    logger: log,
  });
  try {
    await server.start();
  } catch (error) {
    const message = (error as Error).message;
    await closeOpened();
    if (message.includes(options.supergraphFile)) throw error;
    throw new Error(`The supergraph file ${options.supergraphFile} cannot be served (${message}); run \`npx govgraph compose\` to write it`);
  }
  // Where the settled write-backs are recorded up to, beside the ledger (when they are recorded at all).
  let writeBackCursor: WriteBackCursor | undefined;
  let writeBackFollow: WriteBackAuditFollow | undefined;
  try {
    if (enforcePolicies) policySet = loadPolicies(options.policies, supergraphSdl);
    else purposesWhenOff = unenforcedPurposes(options.policies);
    await audit.open();
    if (config.audit.writeBacks) writeBackCursor = await audit.openWriteBackCursor();
  } catch (error) {
    await server.stop();
    await closeOpened();
    throw error;
  }

  // Each set put in force after start-up (from the files or from Redis) is recorded in the ledger.
  const policyFollow = await followPolicies({
    store: enforcePolicies ? policyStore : undefined,
    dir:
      enforcePolicies && (options.watch ?? true) && !(options.policies && isPolicySet(options.policies))
        ? ((options.policies as { dir: string } | undefined)?.dir ?? POLICIES_DIR)
        : null,
    supergraphSdl: () => supergraphSdl,
    current: currentPolicies,
    apply: (policies, change) => {
      policySet = policies;
      void audit.recordPolicyChange(change);
    },
    log,
  });

  const grantFollow = options.grants && grantKey ? followGrants(options.grants.store, grantKey, (index) => (grantIndex = index), log) : undefined;
  const redis = config.redisUrl ? redisReadiness(config.redisUrl) : undefined;
  let draining = false;
  const readinessChecks: ReadinessCheck[] = [
    { name: 'draining', check: () => (draining ? 'the gateway is stopping' : null) },
    { name: 'supergraph', check: () => (supergraphSdl ? null : 'no supergraph loaded') },
    { name: 'policies', check: () => (!enforcePolicies ? null : policySet ? null : 'no policies loaded') },
    { name: 'audit', check: () => audit.check().then(() => null) },
    ...(grantFollow ? [{ name: 'grants', check: () => grantFollow.health().grantsError ?? null }] : []),
    ...(options.policyStore ? [{ name: 'policyStore', check: () => (policyFollow.health().policyStore === 'unreachable' ? 'the policy store does not answer' : null) }] : []),
    ...(redis ? [redis] : []),
  ];

  // Stage 1 (refusals audited), then stage 2's rate limits: a 429 is counted, not sealed into the ledger.
  const createContext = rateLimitedContext(
    rateLimiter.check,
    auditedContext(audit, createReaderContext({ authenticate, purposes: () => (policySet ? policySet.purposes : purposesWhenOff), log })),
  );
  // `/events`: each stream's queries go through this gateway's own /graphql, known once it listens.
  const own: { graphqlUrl?: string } = {};
  const events = eventsRoute({
    context: createContext,
    queryUpdates: createUpdatesQuery({ graphqlUrl: () => own.graphqlUrl, pageSize: EVENTS_PAGE_SIZE, timeoutMs: config.subgraphs.timeoutMs + 5000 }),
    head: createHeadPoller({ fetchHead: () => departmentGet(SERVICE_PLATFORM, APPLICATION_UPDATES_HEAD_PATH), pollMs: config.events.pollMs, log }),
    config: config.events,
    log,
  });
  const app = createGatewayApp({
    server,
    context: createContext,
    config,
    currentSubgraphs: () => subgraphs,
    log,
    policyVersion: () => (enforcePolicies && policySet ? policySet.hash : null),
    policyError: () => policyFollow.lastError(),
    policyHealth: () => ({ ...policyFollow.health(), ...grantFollow?.health() }),
    readiness: () => readinessOf(readinessChecks),
    metrics,
    fetchSubgraph: subgraphFetcher.fetch,
    bodyLimits: limits.httpMiddleware,
    departments: () => departmentsReport(breakers.breakerStates(), options.supervision?.()),
    jwks: keys.jwks,
    events: events.handler,
    eventsHealth: () => (hasServicePlatform() ? events.health() : undefined),
    writeBackAudit: () => (writeBackCursor && hasServicePlatform() ? (writeBackFollow?.health() ?? { seq: null, lastError: null }) : undefined),
  });
  const service = await startService({
    name: 'gateway',
    handler: app,
    port: options.port ?? config.port,
    host: options.host ?? config.host,
    log,
    drainMs: config.drainMs,
    // What Node's HTTP parser refuses is answered with a code too.
    onClientError: answerClientError,
    // Not ready from now on; open event streams end (they would hold the drain), the write-back
    // recording finishes its round while the ledger is open; requests in flight finish (up to
    // config.drainMs), then everything stops.
    stopping: async () => {
      draining = true;
      events.close();
      await writeBackFollow?.stop();
    },
    closers: [
      () => server.stop(),
      () => grantFollow?.stop(),
      () => policyFollow.close(),
      () => redis?.close(),
      () => (writeBackFollow ? undefined : writeBackCursor?.close()),
      closeOpened,
    ],
  });
  own.graphqlUrl = loopbackGraphqlUrl(options.host ?? config.host, service.port);
  // Every settled write-back the service platform reports, recorded in the ledger (off without a services department).
  if (writeBackCursor) {
    writeBackFollow = followWriteBackOutcomes({
      fetchOutcomes: writeBackOutcomesFrom(departmentGet),
      active: hasServicePlatform,
      cursor: writeBackCursor,
      record: (entry) => audit.append(entry),
      pollMs: config.audit.writeBackPollMs,
      log,
    });
  }
  log.info(
    {
      url: service.url,
      supergraph: options.supergraphFile,
      subgraphs,
      mode,
      policies: policySet?.hash ?? 'off',
      subgraphPolicies: config.subgraphPolicies,
      deniedFields,
      responseCache: config.cache.enabled ? (config.redisUrl ? 'redis' : 'memory') : 'off',
      writeBackAudit: writeBackCursor ? writeBackCursor.description : 'off',
    },
    'gateway listening',
  );
  return service;
}
