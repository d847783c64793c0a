import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { createOperationRegistry, operationsOfSource, safelistCache, safelistPlugin, type OperationStore, type RegisteredOperation } from '../../gateway/limit/persisted';

/**
 * Safelist mode over a small schema: the registry as persisted-query cache and the safelist
 * check, as `usePersistedOperations` puts them together; a store in memory, a clock the test drives.
 */
const typeDefs = 'type Query { items: [String!]! secret: String }';
const resolvers = { Query: { items: () => ['a', 'b'], secret: () => 'S' } };
const ITEMS = 'query Items { items }';

function memoryStore(): OperationStore & { failing: boolean } {
  const operations = new Map<string, RegisteredOperation>();
  return {
    description: 'memory',
    failing: false,
    async all() {
      if (this.failing) throw new Error('Connection is closed.');
      return [...operations.values()];
    },
    async register(list, at) {
      return list.map((operation) => {
        const added = !operations.has(operation.hash);
        if (added) operations.set(operation.hash, { ...operation, registeredAt: at.toISOString() });
        return { operation: operations.get(operation.hash)!, added };
      });
    },
  };
}

describe('safelist mode', () => {
  let now = 0;
  let store: ReturnType<typeof memoryStore>;
  let server: ApolloServer;
  const [items] = operationsOfSource(ITEMS, 'items.graphql');

  const run = async (request: { query?: string; hash?: string }) => {
    const extensions = request.hash ? { persistedQuery: { version: 1, sha256Hash: request.hash } } : undefined;
    const response = await server.executeOperation({ query: request.query, extensions });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return { status: response.http.status ?? 200, data: body?.data, code: body?.errors?.[0]?.extensions?.code };
  };

  beforeEach(async () => {
    now = 0;
    store = memoryStore();
    await store.register([items], new Date());
    const registry = createOperationRegistry(store, { timeoutMs: 100, log: pino({ level: 'silent' }), clock: () => now });
    server = new ApolloServer({ typeDefs, resolvers, persistedQueries: { cache: safelistCache(registry), ttl: null }, plugins: [safelistPlugin(registry)] });
    await server.start();
  });
  afterEach(() => server.stop());

  it('a registered operation sent as text → runs', async () => {
    expect(await run({ query: ITEMS })).toMatchObject({ status: 200, data: { items: ['a', 'b'] } });
  });

  it('a registered operation spaced and commented otherwise → runs', async () => {
    expect((await run({ query: '# list\nquery Items {\n  items\n}\n' })).data).toEqual({ items: ['a', 'b'] });
  });

  it('a registered operation sent by hash alone → runs', async () => {
    expect((await run({ hash: items.hash })).data).toEqual({ items: ['a', 'b'] });
  });

  it('text that is not registered → HTTP 403 OPERATION_NOT_REGISTERED, nothing run', async () => {
    expect(await run({ query: '{ secret }' })).toEqual({ status: 403, data: undefined, code: 'OPERATION_NOT_REGISTERED' });
  });

  it('an unregistered hash alone → PERSISTED_QUERY_NOT_FOUND', async () => {
    expect((await run({ hash: 'f'.repeat(64) })).code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('an unregistered operation sent with its hash → refused, and its hash alone is still unknown afterwards', async () => {
    const [secret] = operationsOfSource('{ secret }', 'secret.graphql');
    const codes = [(await run({ query: secret.text, hash: secret.hash })).code, (await run({ hash: secret.hash })).code];
    expect(codes).toEqual(['OPERATION_NOT_REGISTERED', 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it('an operation registered while the gateway runs → runs once the copy may be reloaded (a second)', async () => {
    const [secret] = operationsOfSource('query Secret { secret }', 'secret.graphql');
    await run({ query: ITEMS });
    await store.register([secret], new Date());
    now += 1_001;
    expect((await run({ hash: secret.hash })).data).toEqual({ secret: 'S' });
  });

  it('the store unreadable → registered operations keep running from the last copy', async () => {
    await run({ query: ITEMS });
    store.failing = true;
    now += 60_000;
    expect((await run({ hash: items.hash })).data).toEqual({ items: ['a', 'b'] });
  });

  it('the store unreadable → unregistered operations stay refused', async () => {
    await run({ query: ITEMS });
    store.failing = true;
    now += 60_000;
    expect((await run({ query: '{ secret }' })).code).toBe('OPERATION_NOT_REGISTERED');
  });
});
