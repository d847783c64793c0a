import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { Kysely } from 'kysely';
import type { Access, FieldDecision, Identity, PolicySet, Reader } from '../../policies';
import { gatewayKeysOf, generateGatewayKeys, localGatewayKeys, remoteGatewayKeys, type GatewayKeys } from '../../schema/contracts/gatewayToken';
import { defineDepartment, requestError, startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { signUserToken } from '../../gateway/authenticate';
import { isPolicySet } from '../../gateway/policy';
import { gatewayConfigOf, type GatewayConfigInput } from '../../gateway/config';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../gateway/server/startGateway';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { TEST_GRANT_PUBLIC_JWK } from './gatewayTokens';
import { forwardRequest } from './forwardRequest';
import { freePort } from './freePort';

/*
 * Two tiny departments for gateway tests: `alpha` owns Thing (and a union and an
 * interface for policy tests), `beta` adds fields to Thing. They are composed inline, so
 * a gateway test depends on no real department.
 */

export const ALPHA_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    things: [Thing!]!
    "Refuses an unknown id with BAD_USER_INPUT."
    thing(id: ID!): Thing
    "Thing t1, then Gadget g1."
    items: [Item!]!
    "Gadget g1, then Badge b1."
    labelled: [Labelled!]!
  }
  type Thing @key(fields: "id") {
    id: ID!
    name: String!
    "Echoes its argument: 'lang:id'."
    note(lang: String!): String
  }
  union Item = Thing | Gadget
  interface Labelled {
    label: String
  }
  type Gadget implements Labelled {
    id: ID!
    label: String
    serial: String
  }
  type Badge implements Labelled {
    id: ID!
    label: String
  }
`;

const GADGET = { __typename: 'Gadget', id: 'g1', label: 'gadget one', serial: 'S-1' };
const BADGE = { __typename: 'Badge', id: 'b1', label: 'badge one' };
const byTypename = (value: { __typename: string }) => value.__typename;

/** What beta serves. */
export const BETA_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Thing @key(fields: "id") {
    id: ID!
    colour: String
    "Always fails with an internal error whose message holds SQL."
    secret: String
    "Served from the start, but only in the graph once a supergraph including it is loaded."
    bonus: String
  }
`;

/** Beta as first published: without `bonus`. */
export const BETA_SDL_WITHOUT_BONUS = BETA_SDL.replace(/\s*"Served from the start[^"]*"\s*bonus: String/, '');

interface AlphaDb {
  things: { id: string; name: string };
}
interface BetaDb {
  colours: { thing_id: string; colour: string };
}

export const alpha = defineDepartment<AlphaDb, Record<string, never>>({
  name: 'alpha',
  title: 'Alpha test department',
  typeDefs: parse(ALPHA_SDL),
  migrations: {
    '001_things': {
      up: (db: Kysely<any>) =>
        db.schema
          .createTable('things')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute(),
    },
  },
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      things: (_root: unknown, _args: unknown, ctx) => ctx.db.selectFrom('things').selectAll().orderBy('id').execute(),
      thing: async (_root: unknown, { id }: { id: string }, ctx) => {
        const row = await ctx.db.selectFrom('things').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw requestError('BAD_USER_INPUT', `No thing has id ${id}`, { argument: 'id' });
        return row;
      },
      items: async (_root: unknown, _args: unknown, ctx) => {
        const thing = await ctx.db.selectFrom('things').selectAll().where('id', '=', 't1').executeTakeFirstOrThrow();
        return [{ __typename: 'Thing', ...thing }, GADGET];
      },
      labelled: () => [GADGET, BADGE],
    },
    Thing: {
      __resolveReference: (ref: { id: string }, ctx) => ctx.db.selectFrom('things').selectAll().where('id', '=', ref.id).executeTakeFirst(),
      note: (thing: { id: string }, { lang }: { lang: string }) => `${lang}:${thing.id}`,
    },
    Item: { __resolveType: byTypename },
    Labelled: { __resolveType: byTypename },
  },
  async seed(db) {
    await db
      .insertInto('things')
      .values([
        { id: 't1', name: 'first' },
        { id: 't2', name: 'second' },
      ])
      .execute();
  },
});

export const beta = defineDepartment<BetaDb, Record<string, never>>({
  name: 'beta',
  title: 'Beta test department',
  typeDefs: parse(BETA_SDL),
  migrations: {
    '001_colours': {
      up: (db: Kysely<any>) =>
        db.schema
          .createTable('colours')
          .addColumn('thing_id', 'text', (c) => c.primaryKey())
          .addColumn('colour', 'text', (c) => c.notNull())
          .execute(),
    },
  },
  createLoaders: () => ({}),
  resolvers: {
    Thing: {
      colour: async (thing: { id: string }, _args: unknown, ctx) =>
        (await ctx.db.selectFrom('colours').select('colour').where('thing_id', '=', thing.id).executeTakeFirst())?.colour ?? null,
      secret: () => {
        throw new Error('SQLITE_ERROR: no such column: pin in SELECT * FROM secret WHERE pin = 1234');
      },
      bonus: (thing: { id: string }) => `bonus for ${thing.id}`,
    },
  },
  async seed(db) {
    await db
      .insertInto('colours')
      .values([
        { thing_id: 't1', colour: 'red' },
        { thing_id: 't2', colour: 'blue' },
      ])
      .execute();
  },
});

/** A URL nothing listens on: the gateway must reach the fixtures through its URL overrides. */
const UNREACHABLE = 'http://127.0.0.1:1/graphql';

/** Supergraphs composed so far in this suite, by beta's SDL: a suite that starts several stacks composes each once. */
const composed = new Map<string, string>();

/** The supergraph of alpha and beta (beta as described by `betaSdl`). */
export function composeFixtureSupergraph(betaSdl = BETA_SDL): string {
  const known = composed.get(betaSdl);
  if (known !== undefined) return known;
  const result = composeServices([
    { name: 'alpha', url: UNREACHABLE, typeDefs: parse(ALPHA_SDL) },
    { name: 'beta', url: UNREACHABLE, typeDefs: parse(betaSdl) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  composed.set(betaSdl, result.supergraphSdl);
  return result.supergraphSdl;
}

/**
 * A policy set for gateway tests: every coordinate is readable by everyone unless `rules`
 * says otherwise (the real engine fails closed; a fixture that did would hide what a test
 * is about). A rule returns the Access for others, or others and own.
 */
export type FakeRule = (reader: Reader) => Access | { others: Access; own?: Access };

export interface FakePolicyOptions {
  purposes?: string[];
  /** Key fields (`Thing.id` by default). */
  keys?: string[];
  hash?: string;
}

export const ALLOW: Access = { kind: 'ALLOW' };
export const DENY: Access = { kind: 'DENY' };

export function fakePolicySet(rules: Record<string, FakeRule> = {}, options: FakePolicyOptions = {}): PolicySet {
  const keys = new Set(options.keys ?? ['Thing.id']);
  return {
    hash: options.hash ?? 'fake',
    purposes: options.purposes ?? ['review', 'audit'],
    roles: ['caseworker', 'reviewer', 'auditor', 'officer', 'analyst', 'citizen'],
    decide(coordinate, reader): FieldDecision {
      const answer = rules[coordinate]?.(reader) ?? ALLOW;
      const { others, own } = 'kind' in answer ? { others: answer, own: undefined } : answer;
      return { coordinate, others, ...(own && { own }), rule: null, reason: rules[coordinate] ? 'fake rule' : 'fixture default: allowed' };
    },
    isKeyField: (coordinate) => keys.has(coordinate),
    catalog: () => [],
  };
}

/** Gateway keys made in memory, so tests write no key files. */
export async function createTestGatewayKeys(): Promise<GatewayKeys> {
  return gatewayKeysOf((await generateGatewayKeys()).privateJwk);
}

/** A caseworker of alpha, the identity most tests read as. */
export const CASEWORKER: Identity = { sub: 'staff-1', roles: ['caseworker'], dept: 'alpha', clearance: 2 };

/** A proxy in front of a subgraph that records the headers of every request it passes on. */
export interface RecordingProxy {
  url: string;
  received: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push(req.headers);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'authorization', 'x-request-id']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      forwardRequest(target, req, chunks, headers, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface FixtureStack {
  gateway: RunningGateway;
  subgraphs: { alpha: RunningSubgraph; beta: RunningSubgraph };
  supergraphFile: string;
  /** The gateway's audit ledger directory (in the stack's throwaway directory unless `gateway.audit` says otherwise). */
  auditDir: string;
  /** The HS256 secret the gateway verifies callers' tokens with. */
  secret: Uint8Array;
  /** The keys the gateway signs subgraph tokens with. */
  gatewayKeys: GatewayKeys;
  /** The proxy in front of each subgraph that fails on demand, when started with `faultProxies`. */
  faults: { alpha?: FaultProxy; beta?: FaultProxy };
  /** Headers each subgraph received, when started with `recordSubgraphRequests`. */
  received: { alpha: http.IncomingHttpHeaders[]; beta: http.IncomingHttpHeaders[] };
  /** A token the gateway accepts for `identity` (default: CASEWORKER). */
  token(identity?: Identity, ttl?: string): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for `identity`. */
  authorization(identity?: Identity): Promise<Record<string, string>>;
  stopSubgraph(name: 'alpha' | 'beta'): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureStackOptions {
  /** The beta SDL the first supergraph is composed from. */
  betaSdl?: string;
  /** Let the subgraphs return internal messages and stack traces, so only the gateway can hide them. */
  subgraphDevErrors?: boolean;
  /** Put a header-recording proxy in front of each subgraph. */
  recordSubgraphRequests?: boolean;
  /** Put a proxy that fails on demand (`stack.faults`) in front of each subgraph. */
  faultProxies?: boolean;
  /** The subgraphs verify gateway tokens with the gateway's live JWKS (`/.well-known/jwks.json`) instead of keys given to them. */
  subgraphsFollowJwks?: boolean;
  /** What the subgraphs enforce; defaults to the gateway's policy set (one set, enforced twice). */
  subgraphPolicies?: PolicySet | 'off';
  /** Gateway options; `policies` defaults to `fakePolicySet()` (everything readable), `auth` to a random secret. */
  gateway?: Partial<Pick<StartGatewayOptions, 'watch' | 'policies' | 'auth' | 'applyMask' | 'audit'>> & { config?: GatewayConfigInput };
}

/** alpha, beta and a gateway over them, on free ports, with throwaway SQLite files. */
export async function startFixtureStack(options: FixtureStackOptions = {}): Promise<FixtureStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-gateway-'));
  const supergraphFile = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphFile, composeFixtureSupergraph(options.betaSdl));
  const gatewayKeys = await createTestGatewayKeys();
  // Known before the subgraphs start when they are to fetch the gateway's JWKS (on their first request).
  const gatewayPort = options.subgraphsFollowJwks ? await freePort() : 0;
  const policies = options.gateway?.policies ?? fakePolicySet();
  const common = {
    port: 0,
    dataDir: dir,
    seedIfEmpty: { seed: 1, scale: 1 },
    devErrors: options.subgraphDevErrors ?? false,
    gatewayKeys: options.subgraphsFollowJwks ? remoteGatewayKeys(new URL(`http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`)) : await localGatewayKeys(gatewayKeys.jwks),
    grants: { publicKey: TEST_GRANT_PUBLIC_JWK },
    policies: options.subgraphPolicies ?? (isPolicySet(policies) ? policies : fakePolicySet()),
  };
  const [alphaRunning, betaRunning] = await Promise.all([startSubgraph(alpha, common), startSubgraph(beta, common)]);
  const proxies = options.recordSubgraphRequests
    ? await Promise.all([startRecordingProxy(alphaRunning.url), startRecordingProxy(betaRunning.url)])
    : options.faultProxies
      ? await Promise.all([startFaultProxy(alphaRunning.url), startFaultProxy(betaRunning.url)])
      : undefined;
  const secret = new TextEncoder().encode(randomBytes(32).toString('base64url'));
  // The audit key beside the ledger, made here: a production-mode gateway does not create one.
  fs.writeFileSync(path.join(dir, 'audit-key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  const gateway = await startGateway({
    port: gatewayPort,
    supergraphFile,
    subgraphUrls: { alpha: proxies?.[0].url ?? alphaRunning.url, beta: proxies?.[1].url ?? betaRunning.url },
    watch: false,
    auth: { secret },
    gatewayKeys,
    ...options.gateway,
    // Rate limits off and a generous department timeout unless a test sets them: a suite sends more than a
    // client's budget from one address, and a loaded CI machine can take longer than the 5 s default.
    config: gatewayConfigOf({ rateLimits: { enabled: false }, subgraphs: { timeoutMs: 30_000 }, ...options.gateway?.config }),
    audit: { dir: path.join(dir, 'audit'), ...options.gateway?.audit },
    policies,
  });
  const subgraphs = { alpha: alphaRunning, beta: betaRunning };
  const stopped = new Set<string>();
  const token = (identity: Identity = CASEWORKER, ttl = '5m') => signUserToken(secret, identity, { ttl });
  return {
    gateway,
    subgraphs,
    supergraphFile,
    auditDir: options.gateway?.audit?.dir ?? path.join(dir, 'audit'),
    secret,
    gatewayKeys,
    faults: options.faultProxies ? { alpha: proxies?.[0] as FaultProxy, beta: proxies?.[1] as FaultProxy } : {},
    received: { alpha: (proxies?.[0] as RecordingProxy | undefined)?.received ?? [], beta: (proxies?.[1] as RecordingProxy | undefined)?.received ?? [] },
    token,
    authorization: async (identity) => ({ authorization: `Bearer ${await token(identity)}` }),
    async stopSubgraph(name) {
      if (stopped.has(name)) return;
      stopped.add(name);
      await subgraphs[name].close();
    },
    async close() {
      await gateway.close();
      await Promise.all((proxies ?? []).map((proxy) => proxy.close()));
      await Promise.all((['alpha', 'beta'] as const).filter((n) => !stopped.has(n)).map((n) => subgraphs[n].close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
