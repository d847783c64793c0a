import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import Redis from 'ioredis';
import pino from 'pino';
import { operationsCommand } from '../../cli/operationsCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { gatewayConfigOf } from '../../gateway/config';
import { operationsOfSource, usePersistedOperations, type PersistedOperations } from '../../gateway/limit/persisted';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { describeWithRedis, REDIS_URL } from '../support/services';

/** `govgraph operations register` into Redis, and a safelisting server (as every gateway instance) running what it registered. */
const PREFIX = uniqueRedisPrefix('safelist');
const FILE = 'query Items { items }';

describeWithRedis('safelisted operations in Redis', () => {
  let dir: string;
  let operations: PersistedOperations;
  let server: ApolloServer;
  const env = () => ({ REDIS_URL: REDIS_URL!, GOVGRAPH_REDIS_PREFIX: PREFIX, GOVGRAPH_DATA_DIR: path.join(dir, 'unused') });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-safelist-'));
    fs.writeFileSync(path.join(dir, 'items.graphql'), FILE);
    const config = gatewayConfigOf({ operations: { mode: 'safelist' } }).operations;
    operations = usePersistedOperations(config, { redisUrl: REDIS_URL, prefix: PREFIX, dataDir: dir, log: pino({ level: 'silent' }) });
    server = new ApolloServer({
      typeDefs: 'type Query { items: [String!]! secret: String }',
      resolvers: { Query: { items: () => ['a'], secret: () => 'S' } },
      persistedQueries: operations.persistedQueries,
      plugins: operations.plugins,
    });
    await server.start();
  });

  afterAll(async () => {
    await server?.stop();
    await operations?.close();
    const redis = new Redis(REDIS_URL!);
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (request: { query?: string; hash?: string }) => {
    const extensions = request.hash ? { persistedQuery: { version: 1, sha256Hash: request.hash } } : undefined;
    const response = await server.executeOperation({ query: request.query, extensions });
    const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
    return body?.errors?.[0]?.extensions?.code ?? body?.data;
  };

  it('register with REDIS_URL → stored in Redis, the data directory untouched', async () => {
    const io = bufferedIo(dir);
    expect([await operationsCommand(['register', 'items.graphql'], env(), io), fs.existsSync(path.join(dir, 'unused'))]).toEqual([0, false]);
  });

  it('registered through Redis → the server runs it by hash alone', async () => {
    await operationsCommand(['register', 'items.graphql'], env(), bufferedIo(dir));
    // A miss reloads the registry at most once a second: the first request may come too soon after start-up's read.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await run({ hash: operationsOfSource(FILE, 'x')[0].hash })).toEqual({ items: ['a'] });
  });

  it('not registered → refused with OPERATION_NOT_REGISTERED', async () => {
    expect(await run({ query: '{ secret }' })).toBe('OPERATION_NOT_REGISTERED');
  });

  it('list with REDIS_URL → the operation registered there', async () => {
    await operationsCommand(['register', 'items.graphql'], env(), bufferedIo(dir));
    const io = bufferedIo(dir);
    await operationsCommand(['list'], env(), io);
    expect(io.stdout()).toMatch(new RegExp(`^${operationsOfSource(FILE, 'x')[0].hash}  Items  `, 'm'));
  });

  it('Redis cannot be reached → exit 1, saying nothing was registered', async () => {
    const io = bufferedIo(dir);
    const code = await operationsCommand(['register', 'items.graphql', '--redis', 'redis://127.0.0.1:1'], env(), io);
    expect([code, io.stderr()]).toEqual([1, expect.stringMatching(/^operations: redis:\/\/127\.0\.0\.1:1 \(.*operations\): .*; nothing was registered\.$/)]);
  });
});
