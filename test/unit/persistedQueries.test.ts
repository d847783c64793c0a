import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { gatewayConfigOf, type OperationsConfig } from '../../gateway/config';
import { sha256Hex, usePersistedOperations, type PersistedOperations } from '../../gateway/limit/persisted';

/** Automatic persisted queries in open mode without Redis: Apollo's protocol over the bounded in-memory store. */
const QUERY = '{ items }';
const HASH = sha256Hex(QUERY);

describe('automatic persisted queries in memory', () => {
  let server: ApolloServer;
  let operations: PersistedOperations;

  async function start(settings: Partial<OperationsConfig> = {}) {
    operations = usePersistedOperations(gatewayConfigOf({ operations: settings }).operations, { prefix: 'test:', dataDir: '/nonexistent', log: pino({ level: 'silent' }) });
    server = new ApolloServer({
      typeDefs: 'type Query { items: [String!]! }',
      resolvers: { Query: { items: () => ['a'] } },
      persistedQueries: operations.persistedQueries,
      plugins: operations.plugins,
    });
    await server.start();
  }
  const run = async (query?: string) => {
    const response = await server.executeOperation({ query, extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return body?.errors?.[0]?.extensions?.code ?? body?.data;
  };
  afterEach(async () => {
    await server.stop();
    await operations.close();
  });

  it('a hash never sent with its text → PERSISTED_QUERY_NOT_FOUND', async () => {
    await start();
    expect(await run()).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a hash sent once with its text → runs by hash alone afterwards', async () => {
    await start();
    await run(QUERY);
    expect(await run()).toEqual({ items: ['a'] });
  });

  it('persisted queries switched off → PERSISTED_QUERY_NOT_SUPPORTED', async () => {
    await start({ persistedQueries: false });
    expect(await run()).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });
});
