import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { unwrapResolverError } from '@apollo/server/errors';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { sql } from 'kysely';
import { migrateToLatest } from './database/migrateToLatest';
import { databaseUrlFor, openDatabase, type DepartmentDatabase } from './database/openDatabase';
import type { DepartmentContext, DepartmentDefinition } from './defineDepartment';
import { createGraphClient } from './graphClient';
import { createLogger } from './createLogger';
import type { SeedOptions } from './seed/seedWorld';

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
  /** The gateway, for reads across departments. */
  graphUrl?: string;
  /** Return internal error messages (never in production). */
  devErrors?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  database: DepartmentDatabase<any>;
  close(): Promise<void>;
}

const SEED_MARKER = 'kit_seed_runs';

/** Seeds the department once: a marker table records that it happened and with what. */
export async function seedIfNeverSeeded(definition: DepartmentDefinition<any, any>, database: DepartmentDatabase<any>, options: SeedOptions): Promise<boolean> {
  const db = database.db;
  await db.schema
    .createTable(SEED_MARKER)
    .ifNotExists()
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('scale', 'double precision', (c) => c.notNull())
    .addColumn('seeded_at', 'text', (c) => c.notNull())
    .execute();
  const done = await db.selectFrom(SEED_MARKER as any).select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  if (Number((done as { n: number } | undefined)?.n ?? 0) > 0) return false;
  await definition.seed(db, options);
  await db
    .insertInto(SEED_MARKER as any)
    .values({ seed: options.seed, scale: options.scale, seeded_at: new Date().toISOString() } as any)
    .execute();
  return true;
}

/** Internal failures (SQL errors, bugs) leave the department as a generic error; details go to the log. */
function formatErrorFor(department: string, devErrors: boolean, log: ReturnType<typeof createLogger>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions?.code && original.extensions.code !== 'INTERNAL_SERVER_ERROR') {
      return formatted;
    }
    if (formatted.extensions?.code && formatted.extensions.code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error({ err: original instanceof Error ? { name: original.name, message: original.message } : String(original), path: formatted.path }, 'internal error');
    if (devErrors) return formatted;
    return {
      message: `Internal error in department ${department}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', department },
    };
  };
}

/** Serves a department as a federation subgraph: database, migrations, seed, /graphql, /health. */
export async function startSubgraph<DB, Loaders>(definition: DepartmentDefinition<DB, Loaders>, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const log = createLogger(definition.name);
  const devErrors = options.devErrors ?? process.env.GOVGRAPH_DEV_ERRORS === '1';
  const database = await openDatabase<DB>({
    department: definition.name,
    url: options.databaseUrl === null ? undefined : (options.databaseUrl ?? databaseUrlFor(definition.name)),
    schema: options.databaseSchema,
    dataDir: options.dataDir,
  });
  try {
    await migrateToLatest(definition.name, database.db, definition.migrations, database.schema);
    if (options.seedIfEmpty) await seedIfNeverSeeded(definition, database, options.seedIfEmpty);
  } catch (error) {
    await database.close();
    throw error;
  }

  const schema = buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers as any }]);
  const server = new ApolloServer<DepartmentContext<DB, Loaders>>({
    schema,
    includeStacktraceInErrorResponses: devErrors,
    formatError: formatErrorFor(definition.name, devErrors, log),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();

  const graph = createGraphClient(options.graphUrl ?? process.env.GOVGRAPH_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'up', department: definition.name, database: database.dialect, sqlStatements: database.statementCount() });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => ({
        department: definition.name,
        db: database.db,
        loaders: definition.createLoaders(database.db),
        requestId: String(req.headers['x-request-id'] ?? randomUUID()),
        identity: null,
        graph,
      }),
    }),
  );

  const httpServer = http.createServer(app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}/graphql`;
  log.info({ url, database: database.location }, 'subgraph listening');

  return {
    name: definition.name,
    url,
    port,
    database,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
      await database.close();
    },
  };
}
