import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';

/**
 * The four subgraphs of the public federation gateway benchmark (accounts, products,
 * inventory, reviews), served from Node by one process, one path each, over the data in
 * `test/fixtures/federation-benchmark/`. They are plain federation subgraphs, not built on
 * govgraph's kit: they verify no gateway token. The resolvers behave as the benchmark's own
 * (see that folder's README), which `expected-response.json` depends on.
 */
export const FEDERATION_BENCHMARK_DIR = path.resolve(__dirname, '..', 'fixtures', 'federation-benchmark');

export const BENCHMARK_SUBGRAPHS = ['accounts', 'products', 'inventory', 'reviews'] as const;
export type BenchmarkSubgraph = (typeof BENCHMARK_SUBGRAPHS)[number];

interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}
interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}
interface Review {
  id: string;
  body: string;
  productUpc: string;
}
interface BenchmarkData {
  users: User[];
  products: Product[];
  inventory: { upc: string; inStock: boolean }[];
  reviews: Review[];
}

/** Each subgraph's SDL, cut from `subgraphs.graphql` at its `# --- <name> ---` heading. */
export function benchmarkSubgraphSdls(): Record<BenchmarkSubgraph, string> {
  const text = fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'subgraphs.graphql'), 'utf8');
  const sections = text.split(/^# --- (\w+) ---$/m);
  const sdls: Partial<Record<BenchmarkSubgraph, string>> = {};
  for (let i = 1; i < sections.length; i += 2) sdls[sections[i] as BenchmarkSubgraph] = sections[i + 1].trim();
  for (const name of BENCHMARK_SUBGRAPHS) {
    if (!sdls[name]) throw new Error(`${FEDERATION_BENCHMARK_DIR}/subgraphs.graphql has no "# --- ${name} ---" section`);
  }
  return sdls as Record<BenchmarkSubgraph, string>;
}

function benchmarkResolvers(data: BenchmarkData): Record<BenchmarkSubgraph, GraphQLResolverMap<unknown>> {
  const userById = new Map(data.users.map((user) => [user.id, user]));
  const productByUpc = new Map(data.products.map((product) => [product.upc, product]));
  const inStockByUpc = new Map(data.inventory.map((item) => [item.upc, item.inStock]));
  const reviewById = new Map(data.reviews.map((review) => [review.id, review]));
  const firstTwoReviews = data.reviews.slice(0, 2);
  return {
    accounts: {
      Query: {
        me: () => data.users[0],
        user: (_: unknown, { id }: { id: string }) => userById.get(id) ?? null,
        users: () => data.users,
      },
      User: { __resolveReference: ({ id }: { id: string }) => userById.get(id) ?? null },
    },
    products: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => data.products.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => productByUpc.get(upc) ?? null },
    },
    inventory: {
      // As in the benchmark, price and weight are not read from the representation: they stay
      // null, and so does the shipping estimate computed from them.
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: inStockByUpc.get(upc) ?? null }),
        shippingEstimate: (product: { price?: number | null; weight?: number | null }) =>
          product.price == null || product.weight == null ? null : product.price > 1000 ? 0 : Math.round(product.weight * 0.5),
      },
    },
    reviews: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => reviewById.get(id) ?? null,
        product: (review: Review) => ({ upc: review.productUpc }),
        author: () => ({ id: '1', username: 'urigo', reviews: firstTwoReviews }),
      },
      User: {
        __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user', reviews: firstTwoReviews }),
      },
      Product: {
        reviews: ({ upc }: { upc: string }) => data.reviews.filter((review) => review.productUpc === upc),
      },
    },
  };
}

export interface BenchmarkSubgraphs {
  /** Subgraph name → its GraphQL endpoint (`http://host:port/<name>`). */
  urls: Record<BenchmarkSubgraph, string>;
  close(): Promise<void>;
}

/** Serves the four subgraphs on one port (0: a free one), at `/accounts`, `/products`, `/inventory` and `/reviews`. */
export async function startFederationBenchmarkSubgraphs({ port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {}): Promise<BenchmarkSubgraphs> {
  const data = JSON.parse(fs.readFileSync(path.join(FEDERATION_BENCHMARK_DIR, 'data.json'), 'utf8')) as BenchmarkData;
  const sdls = benchmarkSubgraphSdls();
  const resolvers = benchmarkResolvers(data);
  const servers = BENCHMARK_SUBGRAPHS.map((name) => ({
    name,
    server: new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: parse(sdls[name]), resolvers: resolvers[name] }), plugins: [ApolloServerPluginInlineTraceDisabled()] }),
  }));
  await Promise.all(servers.map(({ server }) => server.start()));
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  for (const { name, server } of servers) app.use(`/${name}`, expressMiddleware(server));
  const httpServer = http.createServer(app);
  // Idle keep-alive connections stay open longer than any pause between a gateway's runs in the bench (Node's default closes them after 5 s).
  // @apollo/gateway's agent keeps idle sockets with no timeout of its own: one the server closes just as the gateway reuses it fails that request
  // with a socket hang up, and after a pause of about 5 s every pooled socket does at once.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const base = `http://${host}:${(httpServer.address() as AddressInfo).port}`;
  return {
    urls: Object.fromEntries(BENCHMARK_SUBGRAPHS.map((name) => [name, `${base}/${name}`])) as Record<BenchmarkSubgraph, string>,
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await Promise.all(servers.map(({ server }) => server.stop()));
    },
  };
}

// `npx tsx test/support/federationBenchmarkSubgraphs.ts [--port N]`: serves them until Ctrl-C.
if (require.main === module) {
  const portIndex = process.argv.indexOf('--port');
  const port = portIndex > 0 ? Number(process.argv[portIndex + 1]) : 4200;
  startFederationBenchmarkSubgraphs({ port }).then(
    (running) => {
      for (const [name, url] of Object.entries(running.urls)) console.log(`${name.padEnd(10)} ${url}`);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
