import path from 'node:path';
import { z } from 'zod';
import { AUDIT_ENV, auditConfig, auditFromEnv } from './auditConfig';
import { AUTH_ENV, authConfig, authFromEnv } from './authConfig';
import { CACHE_ENV, cacheConfig, cacheFromEnv } from './cacheConfig';
import { envBoolean, envNumber, envValue, nonNegativeInt, positiveInt, type Env } from './envReaders';
import { EVENTS_ENV, eventsConfig, eventsFromEnv } from './eventsConfig';
import { KEYS_ENV, keysConfig, keysFromEnv } from './keysConfig';
import { LIMITS_ENV, limitsConfig, limitsFromEnv } from './limitsConfig';
import { OBSERVABILITY_ENV, observabilityConfig, observabilityFromEnv } from './observabilityConfig';
import { OPERATIONS_ENV, operationsConfig, operationsFromEnv } from './operationsConfig';
import { RATE_LIMITS_ENV, rateLimitsConfig, rateLimitsFromEnv } from './rateLimitsConfig';
import { SUBGRAPHS_ENV, subgraphsConfig, subgraphsFromEnv } from './subgraphsConfig';
import { TLS_ENV, tlsConfig, tlsFromEnv } from './tlsConfig';

/** Every setting of a gateway instance, read once (`readGatewayConfig`) and passed down. */
export const gatewayConfig = z.object({
  mode: z.enum(['development', 'production']).default('development'),
  host: z.string().min(1).default('127.0.0.1'),
  port: nonNegativeInt.max(65535).default(4000),
  /** Return internal error messages and stack traces (development only). */
  devErrors: z.boolean().default(false),
  /** `null`: withheld fields are null + FORBIDDEN; `reject`: the whole operation is refused. */
  deniedFields: z.enum(['null', 'reject']).default('null'),
  /** False serves every field to everyone: for benchmarks only, refused in production. */
  enforcePolicies: z.boolean().default(true),
  /**
   * Whether the subgraphs enforce the policies again themselves, as govgraph's departments do
   * (`enforced`): the gateway then leaves masks, own records (`self`) and case parties to them.
   * `none` (subgraphs not built on govgraph's kit): the gateway masks values itself and
   * withholds what only a subgraph could grant (own records, case parties).
   */
  subgraphPolicies: z.enum(['enforced', 'none']).default('enforced'),
  dataDir: z.string().min(1).default(path.resolve('.data')),
  /** Redis, shared by every instance (policies, grants, audit stream, persisted queries, rate limits); null: embedded. */
  redisUrl: z.string().url().nullable().default(null),
  redisPrefix: z.string().min(1).default('govgraph:'),
  /**
   * Express's `trust proxy` behind a load balancer (`loopback`, a CIDR list, a hop count);
   * false: the client address is the socket's. Anonymous rate limits key on it.
   */
  trustProxy: z.union([z.boolean(), z.number().int().nonnegative(), z.string().min(1)]).default(false),
  /** On SIGTERM, how long requests in flight may finish before the process exits. */
  drainMs: positiveInt.default(10_000),
  /** The built query IDE and console (console/dist, made by `npm ci`), served at `/` and `/console`. */
  webDir: z
    .string()
    .min(1)
    .default(path.resolve(__dirname, '..', '..', 'console', 'dist')),
  auth: authConfig.prefault({}),
  audit: auditConfig.prefault({}),
  keys: keysConfig.prefault({}),
  /** Department name → URL, replacing the URL composed into the supergraph (`GOVGRAPH_<NAME>_URL`). */
  subgraphUrls: z.record(z.string(), z.string().url()).default({}),
  limits: limitsConfig.prefault({}),
  rateLimits: rateLimitsConfig.prefault({}),
  operations: operationsConfig.prefault({}),
  subgraphs: subgraphsConfig.prefault({}),
  tls: tlsConfig.prefault({}),
  observability: observabilityConfig.prefault({}),
  cache: cacheConfig.prefault({}),
  events: eventsConfig.prefault({}),
});

export type GatewayConfig = z.infer<typeof gatewayConfig>;
export type GatewayMode = GatewayConfig['mode'];
/** What a caller may leave out: every section and setting has its default. */
export type GatewayConfigInput = z.input<typeof gatewayConfig>;

const GENERAL_ENV = {
  mode: 'GOVGRAPH_MODE',
  host: 'GOVGRAPH_HOST',
  port: 'GOVGRAPH_PORT',
  devErrors: 'GOVGRAPH_DEV_ERRORS',
  deniedFields: 'GOVGRAPH_DENIED_FIELDS',
  enforcePolicies: 'GOVGRAPH_POLICIES',
  subgraphPolicies: 'GOVGRAPH_SUBGRAPH_POLICIES',
  dataDir: 'GOVGRAPH_DATA_DIR',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'GOVGRAPH_REDIS_PREFIX',
  trustProxy: 'GOVGRAPH_TRUST_PROXY',
  drainMs: 'GOVGRAPH_DRAIN_MS',
  webDir: 'GOVGRAPH_WEB_DIR',
} as const;

/** Every variable the gateway reads, by the setting's path: the configuration table in docs/operators.md is checked against it. */
export const GATEWAY_ENV: Record<string, string> = {
  ...GENERAL_ENV,
  ...prefixed('auth', AUTH_ENV),
  ...prefixed('audit', AUDIT_ENV),
  ...prefixed('keys', KEYS_ENV),
  ...prefixed('limits', LIMITS_ENV),
  ...prefixed('rateLimits', RATE_LIMITS_ENV),
  ...prefixed('operations', OPERATIONS_ENV),
  ...prefixed('subgraphs', SUBGRAPHS_ENV),
  ...prefixed('tls', TLS_ENV),
  ...prefixed('observability', OBSERVABILITY_ENV),
  ...prefixed('cache', CACHE_ENV),
  ...prefixed('events', EVENTS_ENV),
};

function prefixed(section: string, names: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).map(([key, name]) => [`${section}.${key}`, name]));
}

function trustProxyOf(env: Env): unknown {
  const value = envValue(env, GENERAL_ENV.trustProxy);
  if (value === undefined) return undefined;
  // A hop count first: `1` means one load balancer in front, not "trust every X-Forwarded-For".
  if (/^\d+$/.test(value)) return Number(value);
  const flag = envBoolean(env, GENERAL_ENV.trustProxy);
  return typeof flag === 'boolean' ? flag : value;
}

/** `GOVGRAPH_<NAME>_URL` for each department named so (`GOVGRAPH_POPULATION_URL` → `population`). */
function subgraphUrlsOf(env: Env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = /^GOVGRAPH_([A-Z][A-Z0-9_]*)_URL$/.exec(name);
    if (match && value && name !== 'GOVGRAPH_GATEWAY_URL') urls[match[1].toLowerCase()] = value;
  }
  return urls;
}

/** The raw settings the environment gives, before validation. */
function fromEnv(env: Env): unknown {
  const production = env.NODE_ENV === 'production' || envValue(env, GENERAL_ENV.mode) === 'production';
  const mode = envValue(env, GENERAL_ENV.mode);
  const policies = envValue(env, GENERAL_ENV.enforcePolicies);
  return {
    mode: production ? 'production' : mode,
    host: envValue(env, GENERAL_ENV.host),
    port: envNumber(env, GENERAL_ENV.port),
    devErrors: envBoolean(env, GENERAL_ENV.devErrors),
    deniedFields: envValue(env, GENERAL_ENV.deniedFields),
    enforcePolicies: policies === undefined ? undefined : policies === 'off' ? false : policies === 'on' ? true : policies,
    subgraphPolicies: envValue(env, GENERAL_ENV.subgraphPolicies),
    dataDir: envValue(env, GENERAL_ENV.dataDir) && path.resolve(envValue(env, GENERAL_ENV.dataDir) as string),
    redisUrl: envValue(env, GENERAL_ENV.redisUrl),
    redisPrefix: envValue(env, GENERAL_ENV.redisPrefix),
    trustProxy: trustProxyOf(env),
    drainMs: envNumber(env, GENERAL_ENV.drainMs),
    webDir: envValue(env, GENERAL_ENV.webDir) && path.resolve(envValue(env, GENERAL_ENV.webDir) as string),
    auth: authFromEnv(env),
    audit: auditFromEnv(env),
    keys: keysFromEnv(env),
    subgraphUrls: subgraphUrlsOf(env),
    limits: limitsFromEnv(env),
    rateLimits: rateLimitsFromEnv(env),
    operations: operationsFromEnv(env),
    subgraphs: subgraphsFromEnv(env),
    tls: tlsFromEnv(env),
    observability: observabilityFromEnv(env),
    cache: cacheFromEnv(env),
    events: eventsFromEnv(env),
  };
}

/** Variables whose values are secrets: a message names them, never repeats them. */
const SECRET_VARIABLES = new Set<string>([AUTH_ENV.secret, AUDIT_ENV.key, KEYS_ENV.gatewayPrivateJwk, OBSERVABILITY_ENV.metricsToken]);

/** A configuration that does not validate: the message names each variable, its value and what it must be. */
export class ConfigurationError extends Error {}

/**
 * The gateway's settings from the environment (the one place it is read), validated:
 * a bad value stops start-up with the variable named, e.g.
 * `GOVGRAPH_MAX_DEPTH='ten': expected a number`.
 */
export function readGatewayConfig(env: Env): GatewayConfig {
  const parsed = gatewayConfig.safeParse(fromEnv(env));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.');
    const name = GATEWAY_ENV[key] ?? GATEWAY_ENV[issue.path.slice(0, -1).join('.')];
    // A secret's value is never repeated in a message.
    const shown = SECRET_VARIABLES.has(name) ? '…' : (env[name] ?? '');
    return name ? `${name}='${shown}': ${issue.message}` : `${key || 'configuration'}: ${issue.message}`;
  });
  throw new ConfigurationError(`The gateway's configuration is not valid:\n  ${problems.join('\n  ')}`);
}

/** A configuration from settings given in code (tests, embedding), each absent one at its default; the environment is not read. */
export function gatewayConfigOf(input: GatewayConfigInput = {}): GatewayConfig {
  return gatewayConfig.parse(input);
}
