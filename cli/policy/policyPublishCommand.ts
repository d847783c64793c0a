import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import {
  checkPolicyStoreOption,
  describeRedisUrl,
  keysDirOf,
  loadOrCreatePolicySigningKey,
  policyStoreFromEnv,
  PolicyStoreUnavailable,
  publishPolicies,
  RedisPolicyStore,
  type PolicySigningKey,
} from '../../policies';
import { isProductionMode } from '../../schema/contracts/productionMode';
import { parseOptions, UsageError } from '../parseOptions';
import { policyDirOf, supergraphFileOf } from './policyPaths';
import type { PolicyIo } from './policyIo';

/** Who publishes when `--as` is not given: the logged-in user. */
function defaultPublisher(env: NodeJS.ProcessEnv): string | undefined {
  if (env.USER) return env.USER;
  try {
    return os.userInfo().username;
  } catch {
    return undefined;
  }
}

/**
 * `govgraph policy publish [--dir policies] [--as NAME] [--redis URL] [--prefix P]`: checks the
 * policy files against the committed supergraph exactly as `policy check` does; with any
 * problem prints them (`file:line: message`), publishes nothing, exit 1. Else stores them in
 * Redis as the next version, signed with the policy signing key, and notifies every gateway
 * and department following it. The key is `GOVGRAPH_POLICY_SIGNING_JWK`, else
 * `<GOVGRAPH_DATA_DIR or .data>/keys/policy-signing.private.jwk.json`, created there on first
 * use in development (never in production: no key, exit 1). The same files as the current
 * version are not published again (exit 0, saying so).
 */
export async function policyPublishCommand(args: string[], io: PolicyIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, as: { type: 'string' }, redis: { type: 'string' }, prefix: { type: 'string' }, supergraph: { type: 'string' } });
  const redisUrl = values.redis ?? env.REDIS_URL;
  if (!redisUrl) throw new UsageError('policy publish: where to? Set REDIS_URL or pass --redis redis://host:6379 (the Redis every gateway and department follows)');
  const publishedBy = (values.as ?? defaultPublisher(env) ?? '').trim();
  // eslint-disable-next-line no-control-regex
  if (!publishedBy || /[\u0000-\u001f]/.test(publishedBy)) throw new UsageError('policy publish: say who publishes with --as NAME (recorded with the version)');
  const prefix = (() => {
    try {
      return checkPolicyStoreOption({ redisUrl, prefix: values.prefix ?? policyStoreFromEnv(env)?.prefix });
    } catch (error) {
      throw new UsageError(`policy publish: ${(error as Error).message}`);
    }
  })();
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const where = describeRedisUrl(redisUrl);
  let signingKey: PolicySigningKey;
  try {
    signingKey = loadOrCreatePolicySigningKey({ dir: keysDirOf(env, io.cwd), env, create: !isProductionMode(env) });
  } catch (error) {
    io.err(`policy publish: ${(error as Error).message}; nothing was published.`);
    return 1;
  }

  // Connects on the first command, once the files have passed; fails at once when Redis does not answer.
  // (A short disconnectTimeout: ioredis otherwise holds the process 2 s after a refused connection.)
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, disconnectTimeout: 200 });
  let connectionError: string | undefined;
  redis.on('error', (error: Error) => (connectionError = error.message));
  try {
    const result = await publishPolicies({ dir, supergraphSdl, store: new RedisPolicyStore(redis, prefix), publishedBy, signingKey });
    const shownDir = path.relative(io.cwd, dir) || '.';
    switch (result.kind) {
      case 'refused':
        for (const problem of result.problems) io.out(`${path.relative(io.cwd, path.join(dir, problem.file))}:${problem.line}: ${problem.message}`);
        io.err(`${result.problems.length} problem(s) in ${shownDir}; nothing was published.`);
        return 1;
      case 'unchanged':
        io.out(
          `Nothing to publish: version ${result.bundle.version} (hash ${result.bundle.hash}), published by ${result.bundle.publishedBy} at ${result.bundle.publishedAt}, has exactly these files.`,
        );
        return 0;
      case 'published': {
        const { bundle } = result;
        io.out(`Published policy version ${bundle.version} from ${shownDir} as ${bundle.publishedBy} to ${where} (prefix ${prefix}).`);
        io.out(`  hash  ${bundle.hash}`);
        io.out(`  from  ${bundle.previousHash ?? '(nothing published before: each instance ran its own policy files)'}`);
        io.out(`  key   ${signingKey.keyId} (signed with it: instances load only bundles their public key verifies)`);
        io.out('Every gateway and department following this Redis loads it within seconds, or refuses it if it does not load there;');
        io.out(`their /health then shows "policyVersion": ${bundle.version} and "policies": "${bundle.hash}".`);
        return 0;
      }
      default:
        return unreachable(result);
    }
  } catch (error) {
    if (!(error instanceof PolicyStoreUnavailable)) throw error;
    io.err(`policy publish: cannot publish to Redis at ${where} (${connectionError ?? error.message}); nothing was published.`);
    return 1;
  } finally {
    redis.disconnect();
  }
}

function unreachable(value: never): never {
  throw new Error(`Unexpected publish result ${JSON.stringify(value)}`);
}
