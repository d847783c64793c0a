import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerOptions, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse } from 'graphql';

/** A subgraph built on plain Apollo Server, not on the kit: no health route of its own, no gateway token checked. */
export interface PlainSubgraph {
  url: string;
  close(): Promise<void>;
}

export interface PlainSubgraphOptions {
  sdl: string;
  resolvers?: GraphQLResolverMap<unknown>;
  /** How its errors leave it, e.g. without a code, as a server of another stack may send them. */
  formatError?: ApolloServerOptions<BaseContext>['formatError'];
  /** Builds each request's context; throwing refuses the request (a 401 for a missing token, say). */
  context?: (request: { authorization?: string }) => Promise<BaseContext>;
  /**
   * `standalone` (default): Apollo's standalone server, which answers every path as GraphQL
   * (`/health` is a refused GET); `express`: GraphQL at `/graphql` alone, 404 elsewhere.
   */
  served?: 'standalone' | 'express';
}

/** Starts a plain `@apollo/server` + `@apollo/subgraph` subgraph on a free port; `url` is its GraphQL endpoint. */
export async function startPlainSubgraph({ sdl, resolvers = {}, formatError, context, served = 'standalone' }: PlainSubgraphOptions): Promise<PlainSubgraph> {
  const contextOf = async ({ req }: { req: http.IncomingMessage }) => (context ? context({ authorization: req.headers.authorization }) : {});
  const httpServer = served === 'express' ? http.createServer() : undefined;
  const server = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    formatError,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer })] : [])],
  });
  let url: string;
  if (httpServer) {
    await server.start();
    const app = express();
    app.use('/graphql', express.json(), expressMiddleware(server, { context: contextOf }));
    httpServer.on('request', app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  } else {
    url = new URL('/graphql', (await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' }, context: contextOf })).url).toString();
  }
  let stopping: Promise<void> | undefined;
  return { url, close: () => (stopping ??= server.stop()) };
}
