import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { startSubgraph, type DepartmentDefinition, type Identity, type RunningSubgraph } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import { market } from '../../subgraphs/market';
import { licenses } from '../../subgraphs/licenses';
import { services } from '../../subgraphs/services';
import { catalog } from '../../subgraphs/catalog';
import { hrss } from '../../subgraphs/hrss';
import { fund } from '../../subgraphs/fund';
import { startFundStandIn, type FundStandIn } from '../../subgraphs/fund/standIn';
import { civil } from '../../subgraphs/civil';
import { analysis } from '../../subgraphs/analysis';
import { grantStoreFrom, loadOrCreateGrantSigningKey, type GrantStore, type GrantStoreSettings, type SigningKey } from '../../policies/grants';
import { loadOrCreatePolicySigningKey, loadPolicySet, POLICIES_DIR, type PolicySet, type PolicySigningKey, type PolicyStoreOption } from '../../policies';
import { startGateway, type RunningGateway } from '../../gateway/server/startGateway';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { gatewayKeysOf, generateGatewayKeys, localGatewayKeys, signGatewayToken, type GatewayKeys } from '../../schema/contracts/gatewayToken';
import { loadOrCreateWriteBackSigningKey } from '../../schema/contracts/writeBack';
import { gatewayConfigOf, type GatewayConfig, type GatewayConfigInput } from '../../gateway/config';
import { createSubgraphFetcher, type SubgraphFetcher } from '../../gateway/execute/createSubgraphFetcher';
import { gatewayTlsOf } from '../../gateway/execute/gatewayTlsOf';
import { departmentTlsFromEnv } from '../../subgraphs/kit/transport/departmentTlsFromEnv';
import { devTlsFilesIn, type DevTlsFiles } from '../../schema/contracts/tls';
import { reservePort } from './freePort';
import { graphqlRequest, type GraphQLResponse } from './graphqlRequest';

export const DEPARTMENTS: DepartmentDefinition<any, any>[] = [population, market, licenses, services, catalog, hrss, fund, civil, analysis];

/** The departments on the kit, without the three that join by declaration over stand-ins of their systems: for a suite that reads none of theirs. */
export const KIT_DEPARTMENTS: DepartmentDefinition<any, any>[] = [population, market, licenses, services, catalog];

/** How a test request presents itself: who (a token for this identity; none = anonymous), for what purpose, in which case. */
export interface AsReader {
  as?: Identity | null;
  purpose?: string;
  caseId?: string;
  /** Extra or overriding headers (e.g. a hand-made Authorization). */
  headers?: Record<string, string>;
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<string, RunningSubgraph>;
  dataDir: string;
  /**
   * With `policyStore`: the publisher's key, whose development pair is under `<dataDir>/keys/`
   * (publish with `GOVGRAPH_DATA_DIR=<dataDir>`); every instance verifies with its public half.
   */
  policySigningKey?: PolicySigningKey;
  /** The catalog's grant signing key (its pair under `<dataDir>/keys/`): every gateway and department verifies the grants with its public half. */
  grantSigningKey: SigningKey;
  /** The service platform's write-back signing key (its pair under `<dataDir>/keys/`): the owning departments verify events with its public half. */
  writeBackSigningKey: SigningKey;
  /** With `tls`: the development CA and certificates the stack runs on, under `<dataDir>/tls/`. */
  tls?: DevTlsFiles;
  /** How the gateway reaches the departments (over mutual TLS with `tls`, with the gateway's client certificate). */
  subgraphFetcher: SubgraphFetcher;
  /** A token the gateway accepts for this identity. */
  tokenFor(identity: Identity, ttl?: string): Promise<string>;
  /** The HS256 secret the gateway verifies user tokens with: for tests that forge tokens with claims `tokenFor` never writes. */
  tokenSecret: Uint8Array;
  /** POSTs to the gateway as the given reader. */
  request<T = any>(query: string, variables?: Record<string, unknown>, reader?: AsReader): Promise<GraphQLResponse<T>>;
  /** POSTs straight to a department with a gateway token for this identity, as the gateway would. */
  subgraphRequest<T = any>(department: string, query: string, variables?: Record<string, unknown>, identity?: Identity | null, ttlSeconds?: number): Promise<GraphQLResponse<T>>;
  /** The stand-in for the fund center's API that the fund department reads, when the stack runs fund. */
  fundStandIn?: FundStandIn;
  /** SQL statements each department has run so far. */
  statementCounts(): Record<string, number>;
  stopSubgraph(name: string): Promise<void>;
  /**
   * Starts a stopped department again on the same port, over the same database (its data
   * kept, not seeded again), as a restarted process would be; `subgraphs[name]` is the new one.
   */
  restartSubgraph(name: string): Promise<RunningSubgraph>;
  /**
   * Starts another gateway over the same departments (same keys and token secret, its own audit
   * ledger), with the stack's settings and `gatewayConfig` over them (e.g. `{ mode: 'production' }`); closed with the stack.
   */
  addGateway(gatewayConfig?: GatewayConfigInput): Promise<ExtraGateway>;
  close(): Promise<void>;
}

/** A further gateway instance of a stack, as behind a load balancer. */
export interface ExtraGateway {
  gateway: RunningGateway;
  /** Its audit ledger's directory. */
  auditDir: string;
  /** POSTs to this gateway as the given reader. */
  request<T = any>(query: string, variables?: Record<string, unknown>, reader?: AsReader): Promise<GraphQLResponse<T>>;
}

export interface StackOptions {
  seed?: number;
  scale?: number;
  /** Serve the departments from PostgreSQL, each in its own schema with this prefix. */
  postgres?: { url: string; schemaPrefix: string };
  departments?: DepartmentDefinition<any, any>[];
  supergraphFile?: string;
  /** Policies for gateway and subgraphs; default: the files in policies/ against the supergraph file. */
  policies?: PolicySet;
  /** A directory of policy files that gateway and subgraphs load and watch for changes (instead of `policies`). */
  policiesDir?: string;
  /** Where the catalog publishes access grants and everyone follows them; default: `<dataDir>/grants.json`, signed with the stack's key unless it names others. */
  grants?: GrantStoreSettings;
  /** Gateway and subgraphs follow the policies published in this Redis (under a test's own prefix), signed with the stack's key unless it names another `publicKey`. */
  policyStore?: PolicyStoreOption;
  /** Gateway ↔ department traffic over mutual TLS, with the development CA created under `<dataDir>/tls/`. */
  tls?: boolean;
  /** Gateway settings; rate limits are off and the department timeout 30 s unless given here. */
  gatewayConfig?: GatewayConfigInput;
  /** Variables merged into every department's environment (over the fund stand-in's, which is not started when these name FUND_API_URL). */
  departmentEnv?: Record<string, string>;
}

/** Staff for tests that are about data rather than policy: a population officer may read every Person field. */
export const OFFICER: Identity = { sub: 'officer-0001', roles: ['officer', 'caseworker', 'reviewer'], dept: 'population', clearance: 4 };

/** The identity a department reads the graph with, as `govgraph start` gives it: a caseworker of that department. */
function serviceAccountOf(department: string): Identity {
  return { sub: `department:${department}`, roles: ['caseworker'], dept: department, clearance: 2 };
}

async function gatewayKeysForTest(): Promise<GatewayKeys> {
  return gatewayKeysOf((await generateGatewayKeys()).privateJwk);
}

/**
 * Every department (hrss, fund and civil over stand-ins of their own systems) and the gateway in this process, on free ports, over throwaway
 * databases, with the real policies and tokens: a key pair and a user-token secret of
 * the stack's own.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-stack-'));
  const secret = new Uint8Array(randomBytes(32));
  const keys = await gatewayKeysForTest();
  const verificationKeys = await localGatewayKeys(keys.jwks);
  const tokenFor = (identity: Identity, ttl = '1h'): Promise<string> => signUserToken(secret, identity, { ttl });
  // Held until the departments listen: one of them on port 0 must not be handed the gateway's.
  const gatewayReservation = await reservePort();
  const gatewayPort = gatewayReservation.port;
  const graphUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const seedIfEmpty = { seed: options.seed ?? 7, scale: options.scale ?? 0.1 };
  const policySigningKey = options.policyStore ? loadOrCreatePolicySigningKey({ dir: path.join(dataDir, 'keys'), env: {}, create: true }) : undefined;
  // Given as an option, so that a GOVGRAPH_POLICY_PUBLIC_JWK in the developer's shell does not apply.
  const policyStore: PolicyStoreOption | undefined = options.policyStore && {
    publicKey: policySigningKey!.publicKey.export({ format: 'jwk' }) as PolicyStoreOption['publicKey'],
    ...options.policyStore,
  };
  // Given as options, so that GOVGRAPH_GRANT_*_JWK in the developer's shell do not apply.
  const grantSigningKey = loadOrCreateGrantSigningKey({ dir: path.join(dataDir, 'keys'), env: {}, create: true });
  const grants: GrantStoreSettings = {
    publicKey: grantSigningKey.publicKey.export({ format: 'jwk' }) as JWK,
    signingKey: grantSigningKey.privateKey.export({ format: 'jwk' }) as JWK,
    ...options.grants,
  };
  // Created once by the first department, as `govgraph start` would before any; the gateway reads the same set.
  const departmentTls = options.tls ? await departmentTlsFromEnv({ GOVGRAPH_TLS: '1' }, dataDir) : undefined;
  // Rate limits off and a generous department timeout unless a test sets them: a suite sends more than one
  // client's budget, and a loaded CI machine can take longer than the 5 s default to answer a mutation.
  const gatewayConfigInput: GatewayConfigInput = {
    dataDir,
    rateLimits: { enabled: false },
    subgraphs: { timeoutMs: 30_000 },
    ...(options.tls && { tls: { mode: 'dev' } }),
    ...options.gatewayConfig,
  };
  const gatewayConfig = gatewayConfigOf(gatewayConfigInput);
  const subgraphFetcher = createSubgraphFetcher(gatewayConfig ? await gatewayTlsOf(gatewayConfig) : null);
  const definitions = options.departments ?? DEPARTMENTS;
  // The shipped policies, loaded once for the gateway and every department (each would load the
  // same files against the same supergraph); a stack that watches a directory, follows a store
  // or runs another supergraph lets each load its own.
  const policies =
    options.policies ??
    (options.policiesDir || options.policyStore || options.supergraphFile
      ? undefined
      : loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }));
  // fund reads the center's API: a stand-in of it, on a free port, with a key of its own.
  const runsFund = definitions.some((definition) => definition.name === 'fund') && !options.departmentEnv?.FUND_API_URL;
  const fundStandIn = runsFund ? await startFundStandIn({ seed: seedIfEmpty }) : undefined;
  // Redis only for a test that names it: suites run in parallel, and one stream shared by two stacks would cross their write-backs.
  const { REDIS_URL: _redis, GOVGRAPH_REDIS_PREFIX: _prefix, ...shellEnv } = process.env;
  const departmentEnv: NodeJS.ProcessEnv = {
    ...shellEnv,
    ...(fundStandIn && { FUND_API_URL: fundStandIn.url, FUND_API_KEY: fundStandIn.apiKey }),
    ...options.departmentEnv,
  };
  // Created before any department, as `govgraph start` does: services signs write-backs, the owning departments verify them.
  const writeBackSigningKey = loadOrCreateWriteBackSigningKey({ dir: path.join(dataDir, 'keys'), env: {}, create: true });
  const startDepartment = async (definition: DepartmentDefinition<any, any>, port: number): Promise<RunningSubgraph> =>
    startSubgraph(definition, {
      port,
      env: departmentEnv,
      dataDir,
      seedIfEmpty,
      graphUrl,
      graphToken: await tokenFor(serviceAccountOf(definition.name), '24h'),
      gatewayKeys: verificationKeys,
      policies: options.policiesDir ? { dir: options.policiesDir } : policies,
      watchPolicies: Boolean(options.policiesDir),
      grants,
      policyStore,
      databaseUrl: options.postgres?.url ?? null,
      databaseSchema: options.postgres ? `${options.postgres.schemaPrefix}_${definition.name}` : undefined,
      tls: departmentTls,
      // Their Redis stream only for a test that names a Redis in `departmentEnv`.
      writeBacks: { publicKey: writeBackSigningKey, redisUrl: departmentEnv.REDIS_URL, prefix: departmentEnv.GOVGRAPH_REDIS_PREFIX },
    });
  const running = await Promise.all(definitions.map((definition) => startDepartment(definition, 0))).catch(async (error: unknown) => {
    await gatewayReservation.release();
    throw error;
  });
  const subgraphs = Object.fromEntries(running.map((s) => [s.name, s]));
  // Where each listens, in the environment every department reads when it needs it (the service
  // platform, for each write-back it delivers): the same object each was started with.
  for (const s of running) departmentEnv[`GOVGRAPH_${s.name.toUpperCase()}_URL`] = s.url;
  const launchGateway = (port: number, auditDir: string, config: GatewayConfig = gatewayConfig): Promise<RunningGateway> =>
    startGateway({
      port,
      supergraphFile: options.supergraphFile ?? SUPERGRAPH_FILE,
      // A department of the graph the stack does not start is sent nowhere (port 1 refuses at once), never to its
      // development port, where `npm start` or another run's server may be listening.
      subgraphUrls: Object.fromEntries([...DEPARTMENTS.map((d) => [d.name, 'http://127.0.0.1:1/graphql']), ...running.map((s) => [s.name, s.url])]),
      // Watches policy files only when given a directory (the supergraph file is not rewritten in tests).
      watch: Boolean(options.policiesDir),
      auth: { secret },
      gatewayKeys: keys,
      policies: options.policiesDir ? { dir: options.policiesDir } : policies,
      audit: { dir: auditDir },
      policyStore,
      // Each gateway follows the grants the catalog publishes (this stack's file, or Redis), with a store of its own.
      grants: { store: grantStoreFor(), publicKey: grants.publicKey },
      config,
    });
  const grantStores: GrantStore[] = [];
  const grantStoreFor = (): GrantStore => {
    const store = grantStoreFrom({ ...grants, dataDir });
    grantStores.push(store);
    return store;
  };
  await gatewayReservation.release();
  const gateway = await launchGateway(gatewayPort, path.join(dataDir, 'audit'));
  const extraGateways: RunningGateway[] = [];
  const requestAt = async <T>(url: string, query: string, variables: Record<string, unknown> | undefined, reader: AsReader): Promise<GraphQLResponse<T>> => {
    const headers: Record<string, string> = {};
    if (reader.as) headers.authorization = `Bearer ${await tokenFor(reader.as)}`;
    if (reader.purpose) headers['x-purpose'] = reader.purpose;
    if (reader.caseId) headers['x-case-id'] = reader.caseId;
    return graphqlRequest<T>(url, query, variables, { ...headers, ...reader.headers });
  };
  const stopped = new Set<string>();
  return {
    gateway,
    subgraphs,
    dataDir,
    policySigningKey,
    grantSigningKey,
    writeBackSigningKey,
    tls: options.tls ? devTlsFilesIn(path.join(dataDir, 'tls')) : undefined,
    subgraphFetcher,
    tokenFor,
    tokenSecret: secret,
    request: (query, variables, reader = {}) => requestAt(gateway.url, query, variables, reader),
    async subgraphRequest(department, query, variables, identity = OFFICER, ttlSeconds) {
      const token = await signGatewayToken(keys, department, { identity, purpose: null, requestId: 'test-direct', caseId: null }, ttlSeconds);
      return graphqlRequest(subgraphs[department].url, query, variables, { authorization: `Bearer ${token}` }, subgraphFetcher.fetch);
    },
    ...(fundStandIn && { fundStandIn }),
    statementCounts: () => Object.fromEntries(running.map((s) => [s.name, s.database.statementCount()])),
    async stopSubgraph(name) {
      stopped.add(name);
      await subgraphs[name].close();
    },
    async restartSubgraph(name) {
      if (!stopped.has(name)) throw new Error(`restartSubgraph: department ${name} is not stopped; stop it with stopSubgraph first`);
      const index = running.findIndex((s) => s.name === name);
      const restarted = await startDepartment(
        definitions.find((d) => d.name === name)!,
        running[index].port,
      );
      running[index] = subgraphs[name] = restarted;
      stopped.delete(name);
      return restarted;
    },
    async addGateway(overrides) {
      const auditDir = path.join(dataDir, `audit-${extraGateways.length + 2}`);
      const extra = await launchGateway(0, auditDir, overrides ? gatewayConfigOf({ ...gatewayConfigInput, ...overrides }) : gatewayConfig);
      extraGateways.push(extra);
      return { gateway: extra, auditDir, request: (query, variables, reader = {}) => requestAt(extra.url, query, variables, reader) };
    },
    async close() {
      await Promise.all(extraGateways.map((extra) => extra.close()));
      await gateway.close();
      await Promise.all(grantStores.map((store) => store.close()));
      await Promise.all(running.filter((s) => !stopped.has(s.name)).map((s) => s.close()));
      await fundStandIn?.close();
      await subgraphFetcher.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
