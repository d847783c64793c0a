import fs from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import { readGatewayConfig, type Env } from '../gateway/config';
import { fileOperationStore, OperationFileError, operationsOfSource, redisOperationStore, type OperationStore, type OperationToRegister } from '../gateway/limit/persisted';
import { parseOptions, UsageError } from './parseOptions';
import { processIo, textTable, type PolicyIo } from './policy/policyIo';

const USAGE = ['usage: govgraph operations register FILE… [--redis URL]', '       govgraph operations list [--redis URL] [--json]'].join('\n');

/** Where registered operations are kept: Redis (`--redis`, else `REDIS_URL`, keys under `GOVGRAPH_REDIS_PREFIX`), else `<GOVGRAPH_DATA_DIR>/operations.json`. */
interface StoreSettings {
  redisUrl: string | null;
  prefix: string;
  dataDir: string;
}

/**
 * `govgraph operations register FILE… | list`: the operations a gateway in safelist mode
 * (`GOVGRAPH_OPERATIONS=safelist`) runs. `register` reads `.graphql` files; each operation in
 * them, with the fragments it uses, is stored by the sha256 of its text (what a client sends
 * as its persisted-query hash). A file that does not parse registers nothing from any file.
 * Settings come from the environment here, once; nothing below reads it.
 */
export async function operationsCommand(args: string[], env: Env = process.env, io: PolicyIo = processIo()): Promise<number> {
  const config = readGatewayConfig(env);
  const [sub, ...rest] = args;
  const { values, positionals } = parseOptions(rest, { redis: { type: 'string' }, json: { type: 'boolean' } });
  const settings: StoreSettings = { redisUrl: values.redis ?? config.redisUrl, prefix: config.redisPrefix, dataDir: config.dataDir };
  switch (sub) {
    case 'register':
      if (positionals.length === 0) throw new UsageError(`operations register: which files?\n${USAGE}`);
      if (values.json) throw new UsageError('operations register: --json is for list');
      return register(
        positionals.map((file) => path.resolve(io.cwd, file)),
        settings,
        io,
      );
    case 'list':
      if (positionals.length > 0) throw new UsageError(`operations list takes no files\n${USAGE}`);
      return list(settings, io, values.json ?? false);
    default:
      throw new UsageError(`${USAGE}${sub ? `\n(unknown subcommand '${sub}')` : ''}`);
  }
}

async function register(files: string[], settings: StoreSettings, io: PolicyIo): Promise<number> {
  const found: { operation: OperationToRegister; file: string }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const shown = path.relative(io.cwd, file) || file;
    try {
      for (const operation of operationsOfSource(fs.readFileSync(file, 'utf8'), shown)) found.push({ operation, file: shown });
    } catch (error) {
      problems.push(error instanceof OperationFileError ? error.message : `${shown}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) {
    for (const problem of problems) io.err(problem);
    io.err(`${problems.length} file(s) cannot be registered; nothing was registered.`);
    return 1;
  }
  return withStore(settings, io, 'nothing was registered', async (store) => {
    const results = await store.register(
      found.map((f) => f.operation),
      new Date(),
    );
    io.out(textTable(results.map(({ operation, added }, i) => [added ? 'registered' : 'known', operation.hash, operation.name ?? '(anonymous)', found[i].file])).join('\n'));
    const added = results.filter((r) => r.added).length;
    io.out(`${added} registered, ${results.length - added} already registered, in ${store.description}.`);
    return 0;
  });
}

async function list(settings: StoreSettings, io: PolicyIo, json: boolean): Promise<number> {
  return withStore(settings, io, 'nothing was listed', async (store) => {
    const operations = (await store.all()).sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || (a.name ?? '').localeCompare(b.name ?? ''));
    if (json) io.out(JSON.stringify(operations, null, 2));
    else if (operations.length === 0) io.out(`No operation is registered in ${store.description}.`);
    else io.out(textTable([['HASH', 'OPERATION', 'REGISTERED'], ...operations.map((o) => [o.hash, o.name ?? '(anonymous)', o.registeredAt])]).join('\n'));
    return 0;
  });
}

/** Runs `use` against the configured store; a Redis that cannot be reached → the reason, exit 1. */
async function withStore(settings: StoreSettings, io: PolicyIo, otherwise: string, use: (store: OperationStore) => Promise<number>): Promise<number> {
  if (!settings.redisUrl) return use(fileOperationStore(settings.dataDir));
  // Fails at once when Redis does not answer (a short disconnectTimeout: ioredis otherwise holds the process after a refusal).
  const redis = new Redis(settings.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, disconnectTimeout: 200 });
  let connectionError: string | undefined;
  redis.on('error', (error: Error) => (connectionError = error.message));
  const store = redisOperationStore(redis, settings.prefix, settings.redisUrl);
  try {
    await redis.connect();
    return await use(store);
  } catch (error) {
    io.err(`operations: ${store.description}: ${connectionError ?? (error as Error).message}; ${otherwise}.`);
    return 1;
  } finally {
    redis.disconnect();
  }
}
