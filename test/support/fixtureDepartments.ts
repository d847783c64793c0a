import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { Kysely } from 'kysely';
import { defineDepartment, requestError, startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../gateway/server/startGateway';

/*
 * Two tiny departments for gateway tests: `alpha` owns Thing, `beta` adds fields to it.
 * They are composed inline, so a gateway test depends on no real department.
 */

export const ALPHA_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    things: [Thing!]!
    "Refuses an unknown id with BAD_USER_INPUT."
    thing(id: ID!): Thing
  }
  type Thing @key(fields: "id") {
    id: ID!
    name: String!
  }
`;

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
      up: (db: Kysely<any>) => db.schema.createTable('things').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text', (c) => c.notNull()).execute(),
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
    },
    Thing: {
      __resolveReference: (ref: { id: string }, ctx) => ctx.db.selectFrom('things').selectAll().where('id', '=', ref.id).executeTakeFirst(),
    },
  },
  async seed(db) {
    await db.insertInto('things').values([{ id: 't1', name: 'first' }, { id: 't2', name: 'second' }]).execute();
  },
});

export const beta = defineDepartment<BetaDb, Record<string, never>>({
  name: 'beta',
  title: 'Beta test department',
  typeDefs: parse(BETA_SDL),
  migrations: {
    '001_colours': {
      up: (db: Kysely<any>) => db.schema.createTable('colours').addColumn('thing_id', 'text', (c) => c.primaryKey()).addColumn('colour', 'text', (c) => c.notNull()).execute(),
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
    await db.insertInto('colours').values([{ thing_id: 't1', colour: 'red' }, { thing_id: 't2', colour: 'blue' }]).execute();
  },
});

/** A URL nothing listens on: the gateway must reach the fixtures through its URL overrides. */
const UNREACHABLE = 'http://127.0.0.1:1/graphql';

/** The supergraph of alpha and beta (beta as described by `betaSdl`). */
export function composeFixtureSupergraph(betaSdl = BETA_SDL): string {
  const result = composeServices([
    { name: 'alpha', url: UNREACHABLE, typeDefs: parse(ALPHA_SDL) },
    { name: 'beta', url: UNREACHABLE, typeDefs: parse(betaSdl) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface FixtureStack {
  gateway: RunningGateway;
  subgraphs: { alpha: RunningSubgraph; beta: RunningSubgraph };
  supergraphFile: string;
  stopSubgraph(name: 'alpha' | 'beta'): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureStackOptions {
  /** The beta SDL the first supergraph is composed from. */
  betaSdl?: string;
  /** Let the subgraphs return internal messages and stack traces, so only the gateway can hide them. */
  subgraphDevErrors?: boolean;
  gateway?: Partial<Pick<StartGatewayOptions, 'watch' | 'devErrors'>>;
}

/** alpha, beta and a gateway over them, on free ports, with throwaway SQLite files. */
export async function startFixtureStack(options: FixtureStackOptions = {}): Promise<FixtureStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-gateway-'));
  const supergraphFile = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphFile, composeFixtureSupergraph(options.betaSdl));
  const common = { port: 0, dataDir: dir, seedIfEmpty: { seed: 1, scale: 1 }, devErrors: options.subgraphDevErrors ?? false };
  const [alphaRunning, betaRunning] = await Promise.all([startSubgraph(alpha, common), startSubgraph(beta, common)]);
  const gateway = await startGateway({
    port: 0,
    supergraphFile,
    subgraphUrls: { alpha: alphaRunning.url, beta: betaRunning.url },
    watch: false,
    devErrors: false,
    ...options.gateway,
  });
  const subgraphs = { alpha: alphaRunning, beta: betaRunning };
  const stopped = new Set<string>();
  return {
    gateway,
    subgraphs,
    supergraphFile,
    async stopSubgraph(name) {
      if (stopped.has(name)) return;
      stopped.add(name);
      await subgraphs[name].close();
    },
    async close() {
      await gateway.close();
      await Promise.all((['alpha', 'beta'] as const).filter((n) => !stopped.has(n)).map((n) => subgraphs[n].close()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
