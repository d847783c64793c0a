import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { JWK } from 'jose';
import { applyMask, checkFollowedPolicyStore, followPolicies, POLICIES_DIR, type PolicySet, type PolicyStoreOption } from '../../policies';
import { loadOrCreateGatewayKeys, type GatewayKeys } from '../../schema/gatewayToken';
import { createLogger } from '../../subgraphs/kit/createLogger';
import { effectivePolicies, followGrants, GrantIndex, loadGrantPublicKey, type GrantStore } from '../../policies/grants';
import { auditedContext, GatewayAudit, type AuditOptions } from '../audit';
import { createAuthenticator, resolveAuthConfig, type AuthOptions } from '../authenticate';
import { gatewayConfigOf, type GatewayConfig } from '../config';
import { DepartmentBreakers, SubgraphDataSource } from '../execute';
import { isPolicySet, loadPolicies, PolicyEnforcingGateway, type ApplyMask, type DeniedFields, type PoliciesOption } from '../policy';
import { createFormatError } from './createFormatError';
import { createGatewayApp } from './createGatewayApp';
import { departmentsReport, type DepartmentSupervision } from './departmentsReport';
import { createGatewayContext, type GatewayContext } from './GatewayContext';
import { gatewayModeOf, type GatewayMode } from './gatewayMode';
import { gatewayPlugins } from './plugins';
import { resolveSubgraphUrl } from './resolveSubgraphUrl';
import { subgraphsOfSupergraph, type SubgraphEndpoint } from './subgraphsOfSupergraph';
import { supergraphFromFile } from './supergraphFromFile';

export interface StartGatewayOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1: exposing the gateway beyond the host is a deliberate choice. */
  host?: string;
  /** The composed supergraph (`schema/supergraph.graphql`). */
  supergraphFile: string;
  /** Subgraph name → URL, replacing the URL in the supergraph; else env `GOVGRAPH_<NAME>_URL`. */
  subgraphUrls?: Record<string, string>;
  /** Return internal error messages and stack traces (never in production); defaults to env `GOVGRAPH_DEV_ERRORS=1`. */
  devErrors?: boolean;
  /** Reload the supergraph file, and policy files given as a directory, when they change; defaults to true. */
  watch?: boolean;
  /** Defaults to production when `NODE_ENV=production` or `GOVGRAPH_MODE=production`, else development. */
  mode?: GatewayMode;
  /**
   * The field-level policies: a loaded set, or a directory of policy files; defaults to
   * `policies/`, loaded against the supergraph. Policies that do not load stop start-up;
   * a directory is watched (with `watch`), and a change that does not load is refused
   * while the last good set stays in force (`/health` shows the error).
   */
  policies?: PoliciesOption;
  /** How callers' JWTs are verified; what is left out comes from the environment (see `resolveAuthConfig`). */
  auth?: AuthOptions;
  /** The keys that sign the identity token sent to each subgraph; defaults to `loadOrCreateGatewayKeys()`. */
  gatewayKeys?: GatewayKeys;
  /** `null` (default; env `GOVGRAPH_DENIED_FIELDS`): withheld fields are null + FORBIDDEN; `reject`: the whole operation is refused. */
  deniedFields?: DeniedFields;
  /** Defaults to true. False serves every field to everyone: for benchmarks only, refused in production. */
  enforcePolicies?: boolean;
  /** Masks key fields the policies mask (defaults to the policy engine's). */
  applyMask?: ApplyMask;
  /**
   * Where the access grants approved in the catalog are published (`grantStoreFrom`): followed
   * while the gateway runs and laid over the policies. None: no grant applies. Only snapshots
   * signed with the catalog's key take effect; its public half is `publicKey`, else
   * `GOVGRAPH_GRANT_PUBLIC_JWK`, else `<keysDir>/grant-signing.public.jwk.json` (`keysDir`
   * defaults to `<GOVGRAPH_DATA_DIR or .data>/keys`). Without it start-up fails.
   */
  grants?: { store: GrantStore; publicKey?: JWK; keysDir?: string };
  /** The audit ledger: directory, key, store (see `AuditOptions`); a ledger that cannot be opened or continued stops start-up. */
  audit?: AuditOptions;
  /**
   * Follow the policies published in Redis (`govgraph policy publish`) instead of watching the
   * policy directory: the files load first (they must), then the published version if it
   * is signed with the publisher's key and loads. Off unless given (`govgraph start` passes
   * `REDIS_URL`). Without the publisher's public key start-up fails.
   */
  policyStore?: PolicyStoreOption;
  /** The gateway's settings (`readGatewayConfig` at the command line); defaults to `gatewayConfigOf()`. */
  config?: GatewayConfig;
  /** The department processes `govgraph start` supervises, for `/health` (`departments.<name>.process`). */
  supervision?: () => Record<string, DepartmentSupervision>;
}

export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function deniedFieldsOf(option: DeniedFields | undefined, env: NodeJS.ProcessEnv = process.env): DeniedFields {
  const value = option ?? (env.GOVGRAPH_DENIED_FIELDS || 'null');
  if (value !== 'null' && value !== 'reject') throw new Error(`GOVGRAPH_DENIED_FIELDS must be 'null' or 'reject', got '${value}'`);
  return value;
}

/**
 * Serves the supergraph: authenticates each caller, decides every selected field against
 * the policies before planning, plans across the department subgraphs and executes,
 * vouching for the reader to each subgraph with a token of its own.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const log = createLogger('gateway');
  const mode = options.mode ?? gatewayModeOf();
  const devErrors = options.devErrors ?? process.env.GOVGRAPH_DEV_ERRORS === '1';
  const deniedFields = deniedFieldsOf(options.deniedFields);
  if (options.policyStore) checkFollowedPolicyStore(options.policyStore);
  const enforcePolicies = options.enforcePolicies ?? true;
  // A gateway that cannot verify the grants it would follow does not start.
  const grantKey = enforcePolicies && options.grants ? loadGrantPublicKey({ jwk: options.grants.publicKey, dir: options.grants.keysDir }) : undefined;
  if (!enforcePolicies && mode === 'production') {
    throw new Error('enforcePolicies: false is refused in production mode: every field would be served to every caller');
  }
  const authenticate = createAuthenticator(resolveAuthConfig(options.auth, mode));
  const keys = options.gatewayKeys ?? (await loadOrCreateGatewayKeys());
  const audit = new GatewayAudit(options.audit, { mode, log });
  const urlOf = (name: string, bakedUrl: string | undefined): string => resolveSubgraphUrl(name, bakedUrl, options.subgraphUrls);
  const config = options.config ?? gatewayConfigOf();
  // Stage 4: one breaker per department for the gateway's life (a supergraph reload keeps them).
  const breakers = new DepartmentBreakers(config.subgraphs.breaker, log);
  const timeoutMs = config.subgraphs.timeoutMs;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(options.supergraphFile, { watch: options.watch ?? true, log }),
    buildService: ({ name, url }) => audit.observe(name, new SubgraphDataSource({ name, url: urlOf(name, url), log, keys, timeoutMs, breakers })),
    logger: log,
  });
  let subgraphs: SubgraphEndpoint[] = [];
  let supergraphSdl = '';
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    supergraphSdl = coreSupergraphSdl;
    subgraphs = subgraphsOfSupergraph(coreSupergraphSdl).map(({ name, url }) => ({ name, url: urlOf(name, url) }));
  });

  // Filled in once the supergraph is known, before the gateway listens.
  let policySet: PolicySet | undefined;
  const currentPolicies = (): PolicySet => {
    if (!policySet) throw new Error('The policies are not loaded yet');
    return policySet;
  };
  // The access grants in force, laid over the policies per request (replaced on each publish).
  let grantIndex = GrantIndex.EMPTY;
  if (!enforcePolicies) {
    log.warn('POLICIES ARE NOT ENFORCED: every field is served to every caller (enforcePolicies: false, for benchmarks only)');
  }

  const server = new ApolloServer<GatewayContext>({
    gateway: enforcePolicies ? new PolicyEnforcingGateway(gateway, { policies: effectivePolicies(currentPolicies, () => grantIndex), deniedFields, applyMask: options.applyMask ?? applyMask }) : gateway,
    plugins: gatewayPlugins({ log, production: mode === 'production', audit }),
    formatError: createFormatError({ devErrors, log }),
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
    if (message.includes(options.supergraphFile)) throw error;
    throw new Error(`The supergraph file ${options.supergraphFile} cannot be served (${message}); run \`npx govgraph compose\` to write it`);
  }
  try {
    policySet = loadPolicies(options.policies, supergraphSdl);
    await audit.open();
  } catch (error) {
    await server.stop();
    throw error;
  }

  // Each set put in force after start-up (from the files or from Redis) is recorded in the ledger.
  const policyFollow = await followPolicies({
    store: enforcePolicies ? options.policyStore : undefined,
    dir: enforcePolicies && (options.watch ?? true) && !(options.policies && isPolicySet(options.policies)) ? ((options.policies as { dir: string } | undefined)?.dir ?? POLICIES_DIR) : null,
    supergraphSdl: () => supergraphSdl,
    current: currentPolicies,
    apply: (policies, change) => {
      policySet = policies;
      void audit.recordPolicyChange(change);
    },
    log,
  });

  const grantFollow = options.grants && grantKey ? followGrants(options.grants.store, grantKey, (index) => (grantIndex = index), log) : undefined;

  const createContext = auditedContext(audit, createGatewayContext({ authenticate, purposes: () => (policySet ? policySet.purposes : []), log }));
  const app = createGatewayApp({ server, context: createContext, currentSubgraphs: () => subgraphs, log, policyVersion: () => (enforcePolicies && policySet ? policySet.hash : null), policyError: () => policyFollow.lastError(), policyHealth: () => ({ ...policyFollow.health(), ...grantFollow?.health() }), departments: () => departmentsReport(breakers.breakerStates(), options.supervision?.()) });
  const httpServer = http.createServer(app);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    grantFollow?.stop();
    await policyFollow.close();
    await server.stop();
    throw new Error(`The gateway cannot listen on ${host}:${options.port}: ${(error as Error).message}`);
  }
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}/graphql`;
  log.info({ url, supergraph: options.supergraphFile, subgraphs, mode, policies: policySet.hash, deniedFields }, 'gateway listening');

  return {
    url,
    port,
    async close() {
      grantFollow?.stop();
      await policyFollow.close();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
    },
  };
}
