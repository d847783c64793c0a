import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import pino from 'pino';
import { operationsCommand } from '../../cli/operationsCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { gatewayConfigOf } from '../../gateway/config';
import { operationsOfSource, usePersistedOperations } from '../../gateway/limit/persisted';

/** `govgraph operations register | list` without Redis (the file under the data directory), and a safelisting server reading it. */
let dir: string;
let env: Record<string, string>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-operations-'));
  env = { GOVGRAPH_DATA_DIR: path.join(dir, 'data') };
  fs.writeFileSync(path.join(dir, 'items.graphql'), 'query Items { items }\nquery Count { count }\n');
  fs.writeFileSync(path.join(dir, 'broken.graphql'), 'query Broken {');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await operationsCommand(args, env, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('govgraph operations', () => {
  it('register a file → each operation listed as registered with its hash, exit 0', async () => {
    const { code, out } = await cli('register', 'items.graphql');
    const [items, count] = operationsOfSource('query Items { items }\nquery Count { count }', 'x');
    expect([code, out.split('\n').slice(0, 2)]).toEqual([0, [`registered  ${items.hash}  Items  items.graphql`, `registered  ${count.hash}  Count  items.graphql`]]);
  });

  it('register the same file again → known, nothing added', async () => {
    await cli('register', 'items.graphql');
    expect((await cli('register', 'items.graphql')).out).toMatch(/^known .*\n.*\n0 registered, 2 already registered, in .*operations\.json\.$/);
  });

  it('a file that does not parse → exit 1, naming it, and nothing registered from the others', async () => {
    const { code, err } = await cli('register', 'items.graphql', 'broken.graphql');
    expect([code, err.split('\n')[0], (await cli('list')).out]).toEqual([
      1,
      'broken.graphql:1: Syntax Error: Expected Name, found <EOF>.',
      expect.stringMatching(/^No operation is registered/),
    ]);
  });

  it('list → hash, operation name and when registered, one per line', async () => {
    await cli('register', 'items.graphql');
    const lines = (await cli('list')).out.split('\n');
    expect([lines[0], lines.length, lines[1]]).toEqual([
      'HASH                                                              OPERATION  REGISTERED',
      3,
      expect.stringMatching(/^[0-9a-f]{64}  (Items|Count) +\d{4}-\d\d-\d\dT/),
    ]);
  });

  it('list --json → the registered operations with their text', async () => {
    await cli('register', 'items.graphql');
    const listed = JSON.parse((await cli('list', '--json')).out) as { name: string; text: string }[];
    expect(listed.map((o) => [o.name, o.text]).sort()).toEqual([
      ['Count', 'query Count {\n  count\n}'],
      ['Items', 'query Items {\n  items\n}'],
    ]);
  });

  it('an unknown subcommand → a usage error', async () => {
    await expect(cli('remove', 'items.graphql')).rejects.toThrow(/usage: govgraph operations register/);
  });

  it('registered by the command → a safelisting server in the same data directory runs it by hash alone', async () => {
    await cli('register', 'items.graphql');
    const config = gatewayConfigOf({ operations: { mode: 'safelist' } }).operations;
    const operations = usePersistedOperations(config, { prefix: 'test:', dataDir: env.GOVGRAPH_DATA_DIR, log: pino({ level: 'silent' }) });
    const server = new ApolloServer({
      typeDefs: 'type Query { items: [String!]! count: Int }',
      resolvers: { Query: { items: () => ['a'] } },
      persistedQueries: operations.persistedQueries,
      plugins: operations.plugins,
    });
    await server.start();
    const [items] = operationsOfSource('query Items { items }', 'x');
    const response = await server.executeOperation({ extensions: { persistedQuery: { version: 1, sha256Hash: items.hash } } });
    await server.stop();
    await operations.close();
    expect(response.body.kind === 'single' && response.body.singleResult.data).toEqual({ items: ['a'] });
  });
});
