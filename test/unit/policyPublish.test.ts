import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { formatAuditRecord, type AuditRecord } from '../../gateway/audit';
import { UsageError } from '../../cli/parseOptions';
import { bufferedIo } from '../../cli/policy/policyIo';
import { policyPublishCommand } from '../../cli/policy/policyPublishCommand';
import {
  checkPolicyStoreOption,
  describeRedisUrl,
  followPolicies,
  loadPolicyBundle,
  loadPolicySet,
  parsePolicyBundle,
  POLICIES_DIR,
  policyStoreFromEnv,
  readPolicyDir,
  type PolicyBundle,
  type PolicyChange,
} from '../../policies';
import { hashPolicyFiles } from '../../policies/engine/hashPolicyFiles';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { freePort } from '../support/freePort';
import { newSigningKey } from '../support/newSigningKey';

/** Publishing policies without a Redis: checking bundles, the CLI's refusals and exit codes, an unreachable store. */
const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const SHIPPED = readPolicyDir(POLICIES_DIR).files;
const silent = pino({ level: 'silent' });

function bundleOf(files = SHIPPED, overrides: Partial<PolicyBundle> = {}): PolicyBundle {
  return { version: 3, hash: hashPolicyFiles(files), files, publishedBy: 'officer-li', publishedAt: '2026-11-27T09:00:00.000Z', previousHash: null, signature: null, ...overrides };
}

describe('published bundles', () => {
  it('the shipped files as a bundle → loads, with the same hash as the directory', () => {
    const { policies, problems } = loadPolicyBundle(bundleOf(), SUPERGRAPH);
    expect(problems).toBeNull();
    expect(policies!.hash).toBe(loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH }).hash);
  });

  it('a bundle whose file has a problem → refused with file:line, nothing loaded', () => {
    const files = SHIPPED.map((f) => (f.file === 'services.yaml' ? { file: f.file, text: f.text.replace('department: services', 'department: servics') } : f));
    const { policies, problems } = loadPolicyBundle(bundleOf(files), SUPERGRAPH);
    expect(policies).toBeNull();
    expect(problems).toMatch(/^The policies of published version 3 were not loaded \(\d+ problems?\):\n {2}services\.yaml:\d+: /);
  });

  it('a bundle missing a department file → refused: its fields have no rule', () => {
    const { problems } = loadPolicyBundle(bundleOf(SHIPPED.filter((f) => f.file !== 'licenses.yaml')), SUPERGRAPH);
    expect(problems).toContain('not loaded');
  });

  it('a bundle whose files do not hash to its hash → refused as altered', () => {
    const { policies, problems } = loadPolicyBundle(bundleOf(SHIPPED, { hash: 'f'.repeat(64) }), SUPERGRAPH);
    expect(policies).toBeNull();
    expect(problems).toContain(`not to the ${'f'.repeat(64)} it was published with (altered in the store?)`);
  });

  it('stored JSON without a signature → parsed with signature null (for the instances to refuse)', () => {
    const { signature: _none, ...unsigned } = bundleOf();
    expect(parsePolicyBundle(JSON.stringify(unsigned)).signature).toBeNull();
  });

  it('stored JSON round-trips → the same bundle', () => {
    const bundle = bundleOf();
    expect(parsePolicyBundle(JSON.stringify(bundle))).toEqual(bundle);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['a version of 0', JSON.stringify(bundleOf(SHIPPED, { version: 0 })), 'version is not a positive whole number'],
    ['a file name with a directory', JSON.stringify(bundleOf([{ file: '../etc/x.yaml', text: '' }])), "'../etc/x.yaml' is not a policy file name"],
    ['a previous hash that is not a sha256', JSON.stringify(bundleOf(SHIPPED, { previousHash: 'abc' })), 'previousHash is not a sha256 or null'],
    ['a signature that is not a string', JSON.stringify({ ...bundleOf(), signature: { alg: 'none' } }), 'signature is not a string'],
  ])('stored text with %s → MalformedPolicyBundle saying so', (_name, text, message) => {
    expect(() => parsePolicyBundle(text)).toThrow(message);
  });
});

describe('policy store settings', () => {
  it('REDIS_URL unset → no store, whatever else is set', () => {
    expect(policyStoreFromEnv({ GOVGRAPH_REDIS_PREFIX: 'x:' })).toBeUndefined();
  });

  it('REDIS_URL and GOVGRAPH_REDIS_PREFIX → a store under that prefix, its key read from the same environment', () => {
    const env = { REDIS_URL: 'redis://r:6379', GOVGRAPH_REDIS_PREFIX: 'x:' };
    expect(policyStoreFromEnv(env)).toEqual({ redisUrl: 'redis://r:6379', prefix: 'x:', env });
  });

  it('a URL that is not redis:// → refused at start-up', () => {
    expect(() => checkPolicyStoreOption({ redisUrl: 'http://r:6379' })).toThrow('must start with redis:// or rediss://');
  });

  it('a URL with a password → printed without user or password', () => {
    expect(describeRedisUrl('redis://user:s3cret@r.internal:6380/2')).toBe('redis://r.internal:6380/2');
  });
});

describe('following an unreachable store', () => {
  it('Redis down at start → the files stay in force; /health says unreachable', async () => {
    const shipped = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH });
    const changes: PolicyChange[] = [];
    const follow = await followPolicies({
      store: { redisUrl: `redis://127.0.0.1:${await freePort()}`, prefix: 'unit:', publicKey: newSigningKey().publicJwk },
      dir: POLICIES_DIR,
      supergraphSdl: () => SUPERGRAPH,
      current: () => shipped,
      apply: (_policies, change) => changes.push(change),
      log: silent,
    });
    try {
      expect(follow.health()).toEqual({ policyVersion: null, policyStore: 'unreachable' });
      expect(follow.lastError()).toMatch(/^The policy store redis:\/\/127\.0\.0\.1:\d+ is unreachable \(.*ECONNREFUSED.*\); the last good policies stay in force$/);
      expect(changes).toEqual([]);
    } finally {
      await follow.close();
    }
  });
});

describe('audit record of a policy change', () => {
  const record = (policyChange: AuditRecord['policyChange']): AuditRecord => ({
    v: 1,
    seq: 18,
    time: '2026-11-27T09:20:00.000Z',
    requestId: 'policy-change-1',
    identity: null,
    purpose: null,
    caseId: null,
    operation: { name: null, type: null, documentHash: null },
    keys: [],
    decisions: [],
    subgraphs: [],
    outcome: { kind: 'ok' },
    policyHash: 'b'.repeat(64),
    policyChange,
    prev: '0'.repeat(64),
    hash: 'c'.repeat(64),
    sig: 'd',
  });

  it('a published version → one line naming version, publisher and both hashes', () => {
    expect(formatAuditRecord(record({ source: 'redis', version: 8, from: 'a'.repeat(64), to: 'b'.repeat(64), publishedBy: 'officer-li' }))).toBe(
      `#18  2026-11-27T09:20:00.000Z  policy change  published version 8 by officer-li  from ${'a'.repeat(12)} to ${'b'.repeat(12)}  request=policy-change-1`,
    );
  });

  it('a published version with its key id → the line names the key, shortened', () => {
    const keyId = 'k'.repeat(43);
    expect(formatAuditRecord(record({ source: 'redis', version: 8, from: 'a'.repeat(64), to: 'b'.repeat(64), publishedBy: 'officer-li', keyId }))).toContain(
      `from ${'a'.repeat(12)} to ${'b'.repeat(12)}  signed by key ${'k'.repeat(12)}  request=policy-change-1`,
    );
  });

  it('a change of the watched files → says so', () => {
    expect(formatAuditRecord(record({ source: 'file', version: null, from: 'a'.repeat(64), to: 'b'.repeat(64), publishedBy: null }))).toContain(
      'policy change  policy files changed on disk  from',
    );
  });
});

describe('govgraph policy publish without Redis', () => {
  let work: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-publish-'));
    for (const { file, text } of SHIPPED) fs.writeFileSync(path.join(work, file), text);
  });

  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  async function run(args: string[], env: NodeJS.ProcessEnv = { USER: 'officer-li' }) {
    const io = bufferedIo(work);
    const code = await policyPublishCommand([...args, '--dir', work], io, env);
    return { code, out: io.stdout(), err: io.stderr() };
  }

  it('neither REDIS_URL nor --redis → a usage error saying how to give one', async () => {
    await expect(run([])).rejects.toThrow(
      new UsageError('policy publish: where to? Set REDIS_URL or pass --redis redis://host:6379 (the Redis every gateway and department follows)'),
    );
  });

  it('no --as and no user → a usage error', async () => {
    await expect(run(['--redis', 'redis://127.0.0.1:1', '--as', ' '], {})).rejects.toThrow('say who publishes with --as NAME');
  });

  it('a policy file with a problem → its file:line printed, exit 1, Redis never asked', async () => {
    const file = path.join(work, 'market.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('department: market', 'department: markets'));
    const { code, out, err } = await run(['--redis', `redis://127.0.0.1:${await freePort()}`]);
    expect(code).toBe(1);
    expect(out).toMatch(/^market\.yaml:\d+: /);
    expect(err).toMatch(/^\d+ problem\(s\) in \.; nothing was published\.$/);
  });

  it('production mode without a signing key → exit 1 naming GOVGRAPH_POLICY_SIGNING_JWK and the key file, nothing created', async () => {
    const { code, out, err } = await run(['--redis', `redis://127.0.0.1:${await freePort()}`], { USER: 'officer-li', GOVGRAPH_MODE: 'production' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `policy publish: No policy signing key: set GOVGRAPH_POLICY_SIGNING_JWK to the policy publisher's private JWK, or put it in ${path.join(work, '.data', 'keys', 'policy-signing.private.jwk.json')} (it is generated there only in development); nothing was published.`,
    );
    expect(fs.existsSync(path.join(work, '.data'))).toBe(false);
  });

  it('GOVGRAPH_POLICY_SIGNING_JWK that is not a key → exit 1 naming the variable, never its value', async () => {
    const { code, err } = await run(['--redis', `redis://127.0.0.1:${await freePort()}`], {
      USER: 'officer-li',
      GOVGRAPH_POLICY_SIGNING_JWK: '{"kty":"oct","k":"c2VjcmV0LXNlY3JldA"}',
    });
    expect(code).toBe(1);
    expect(err).toContain('policy publish: GOVGRAPH_POLICY_SIGNING_JWK is not an Ed25519 JWK');
    expect(err).not.toContain('c2VjcmV0LXNlY3JldA');
  });

  it('development mode, no key yet → the development pair is created under .data/keys before publishing', async () => {
    await run(['--redis', `redis://127.0.0.1:${await freePort()}`]);
    expect(fs.statSync(path.join(work, '.data', 'keys', 'policy-signing.private.jwk.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(path.join(work, '.data', 'keys', 'policy-signing.public.jwk.json'), 'utf8'))).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
  });

  it('valid files, Redis unreachable → exit 1, nothing published, the address without password', async () => {
    const port = await freePort();
    const { code, out, err } = await run(['--redis', `redis://:s3cret@127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(new RegExp(`^policy publish: cannot publish to Redis at redis://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); nothing was published\\.$`));
    expect(err).not.toContain('s3cret');
  });
});
