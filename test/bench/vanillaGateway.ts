/**
 * `node --require tsx/cjs test/bench/vanillaGateway.ts --supergraph FILE [--port N]`: Apollo
 * Gateway as its documentation starts it — @apollo/server's standalone server over an
 * `ApolloGateway` built from the supergraph's SDL, default options and default plugins, nothing
 * of govgraph's — for the bench to hold govgraph's gateway against over the same supergraph.
 * Prints `vanilla gateway <url>` once it listens (port 0: a free one); stops on SIGINT or SIGTERM.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { supergraph: { type: 'string' }, port: { type: 'string', default: '0' } } });
  if (!values.supergraph) throw new Error('--supergraph FILE is required');
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: fs.readFileSync(values.supergraph, 'utf8') }) });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(values.port) } });
  console.log(`vanilla gateway ${url}`);
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`vanilla gateway: ${error.message}`);
  process.exit(1);
});
