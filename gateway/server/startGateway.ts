import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createLogger } from '../../subgraphs/kit/createLogger';
import { createFormatError } from './createFormatError';
import { createGatewayApp } from './createGatewayApp';
import type { GatewayContext } from './GatewayContext';
import { gatewayPlugins } from './plugins';
import { resolveSubgraphUrl } from './resolveSubgraphUrl';
import { SubgraphDataSource } from './SubgraphDataSource';
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
  /** Reload the supergraph file when it changes; defaults to true. */
  watch?: boolean;
}

export interface RunningGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the supergraph: plans each query across the department subgraphs and executes it. */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const log = createLogger('gateway');
  const devErrors = options.devErrors ?? process.env.GOVGRAPH_DEV_ERRORS === '1';
  const urlOf = (name: string, bakedUrl: string | undefined): string => resolveSubgraphUrl(name, bakedUrl, options.subgraphUrls);

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(options.supergraphFile, { watch: options.watch ?? true, log }),
    buildService: ({ name, url }) => new SubgraphDataSource({ name, url: urlOf(name, url), log }),
    logger: log,
  });
  let subgraphs: SubgraphEndpoint[] = [];
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    subgraphs = subgraphsOfSupergraph(coreSupergraphSdl).map(({ name, url }) => ({ name, url: urlOf(name, url) }));
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    plugins: gatewayPlugins({ log }),
    formatError: createFormatError({ devErrors, log }),
    includeStacktraceInErrorResponses: devErrors,
    logger: log,
  });
  try {
    await server.start();
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes(options.supergraphFile)) throw error;
    throw new Error(`The supergraph file ${options.supergraphFile} cannot be served (${message}); run \`npx govgraph compose\` to rewrite it`);
  }

  const app = createGatewayApp({ server, currentSubgraphs: () => subgraphs, log });
  const httpServer = http.createServer(app);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, host, () => resolve());
    });
  } catch (error) {
    await server.stop();
    throw new Error(`The gateway cannot listen on ${host}:${options.port}: ${(error as Error).message}`);
  }
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}/graphql`;
  log.info({ url, supergraph: options.supergraphFile, subgraphs }, 'gateway listening');

  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
    },
  };
}
