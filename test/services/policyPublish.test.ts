import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { formatAuditRecord, lastRecords, type AuditRecord } from '../../gateway/audit';
import { bufferedIo } from '../../cli/policy/policyIo';
import { policyPublishCommand } from '../../cli/policy/policyPublishCommand';
import { loadPolicySet, POLICIES_DIR, readPolicyDir, RedisPolicyStore, signPolicyBundle, type UnsignedPolicyBundle } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import type { Identity } from '../../subgraphs/kit';
import { newSigningKey } from '../support/newSigningKey';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { startStack, type AsReader, type ExtraGateway, type Stack } from '../support/startStack';
import type { GraphQLResponse } from '../support/graphqlRequest';

/**
 * An officer publishes policies with `govgraph policy publish`; two gateway instances and
 * the four departments follow the same Redis. A revoked field is denied everywhere within
 * 2 seconds; an invalid set, or one not signed with the publisher's key (the stack's
 * development pair under its data dir), is refused everywhere and changes nothing.
 */
const PREFIX = `govgraph-test-publish-${process.pid}-${Math.floor(Math.random() * 1e6)}:`;
const CASEWORKER: Identity = { sub: 'staff-cw-07', roles: ['caseworker'], dept: 'services', clearance: 2 };
const NAME_GRANT = '          - roles: [caseworker, reviewer]\n          - roles: [auditor]\n            mask: name';
const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');

interface Health {
  policies: string;
  policyVersion: number | null;
  policyStore?: string;
  policyError?: string;
}

let stack: Stack;
let second: ExtraGateway;
let redis: Redis;
let work: string;
let idNumber: string;
const shippedHash = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH }).hash;

/** A copy of the shipped policy files in `work/<name>`, with one text replaced in one file. */
function policyDir(name: string, file?: string, from?: string, to?: string): string {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  for (const entry of readPolicyDir(POLICIES_DIR).files) {
    let text = entry.text;
    if (entry.file === file) {
      if (!text.includes(from!)) throw new Error(`${file} has no "${from}"`);
      text = text.replace(from!, to!);
    }
    fs.writeFileSync(path.join(dir, entry.file), text);
  }
  return dir;
}

async function publish(dir: string) {
  const io = bufferedIo(work);
  // Signs with the development key under the stack's data dir, as an officer on that machine would.
  const code = await policyPublishCommand(['--dir', dir, '--as', 'officer-li', '--redis', REDIS_URL!, '--prefix', PREFIX], io, { GOVGRAPH_DATA_DIR: stack.dataDir });
  return { code, out: io.stdout(), err: io.stderr() };
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(url.replace('/graphql', '/health'))).json()) as Health;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

type Request = (query: string, variables?: Record<string, unknown>, reader?: AsReader) => Promise<GraphQLResponse>;
const readName = (request: Request) => request('query($id: ID!) { person(idNumber: $id) { name } }', { id: idNumber }, { as: CASEWORKER });
const nameDenied = async (request: Request) => (await readName(request)).body.errors?.[0]?.extensions?.coordinate === 'Person.name';

/** The policy-change records of a gateway's ledger. */
async function policyChanges(auditDir: string): Promise<AuditRecord[]> {
  const { records } = await lastRecords(auditDir, 1000);
  return records.filter((record) => record.policyChange);
}

let revokedDir: string;
let brokenDir: string;
let revokedHash: string;

describeWithRedis('publishing policies through Redis to every instance', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-publish-'));
    revokedDir = policyDir('revoked', 'population.yaml', NAME_GRANT, '          - roles: [reviewer]\n          - roles: [auditor]\n            mask: name');
    revokedHash = loadPolicySet({ dir: revokedDir, supergraphSdl: SUPERGRAPH }).hash;
    brokenDir = policyDir('broken', 'market.yaml', 'department: market', 'department: market\ntypes: [unclosed');
    redis = new Redis(REDIS_URL!);
    stack = await startStack({ scale: 0.05, policyStore: { redisUrl: REDIS_URL!, prefix: PREFIX } });
    second = await stack.addGateway();
    const row = await stack.subgraphs.population.database.db.selectFrom('persons').select('id_number').executeTakeFirstOrThrow();
    idNumber = row.id_number;
  });

  afterAll(async () => {
    await stack?.close();
    const keys = (await redis?.keys(`${PREFIX}*`)) ?? [];
    if (keys.length) await redis.del(...keys);
    await redis?.quit();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('nothing published yet → every instance runs its files, version null, store connected', async () => {
    for (const url of [stack.gateway.url, second.gateway.url, stack.subgraphs.population.url]) {
      expect(await health(url)).toMatchObject({ policies: shippedHash, policyVersion: null, policyStore: 'connected' });
    }
    expect((await readName(stack.request)).body.data.person.name).toEqual(expect.any(String));
    expect((await readName(second.request)).body.data.person.name).toEqual(expect.any(String));
  });

  it('a published change revoking a field → both gateways deny it without a restart (pushed through Redis)', async () => {
    const { code, out } = await publish(revokedDir);
    expect(code).toBe(0);
    expect(out).toContain('Published policy version 1 from revoked as officer-li');
    expect(out).toContain(`  hash  ${revokedHash}`);
    expect(out).toContain(`  key   ${stack.policySigningKey!.keyId} (signed with it`);
    // Generous: how fast it arrives is the benchmark's business; here, that it arrives at both.
    await Promise.all([until(() => nameDenied(stack.request), 15_000), until(() => nameDenied(second.request), 15_000)]);
    expect([await nameDenied(stack.request), await nameDenied(second.request)]).toEqual([true, true]);
  });

  it('after the publication → /health of gateways and departments shows version 1 and its hash', async () => {
    for (const url of [stack.gateway.url, second.gateway.url, ...Object.values(stack.subgraphs).map((s) => s.url)]) {
      await until(async () => (await health(url)).policyVersion === 1, 2000);
      expect(await health(url)).toMatchObject({ policies: revokedHash, policyVersion: 1, policyStore: 'connected' });
    }
  });

  it('the department enforces the published set too → asked directly, it refuses the field', async () => {
    const direct = await stack.subgraphRequest('population', 'query($id: ID!) { person(idNumber: $id) { name } }', { id: idNumber }, CASEWORKER);
    expect(direct.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('each gateway audits the change → a ledger record naming version, publisher and both hashes', async () => {
    for (const auditDir of [path.join(stack.dataDir, 'audit'), second.auditDir]) {
      await until(async () => (await policyChanges(auditDir)).length > 0, 2000);
      const [record] = await policyChanges(auditDir);
      expect(record.policyChange).toEqual({ source: 'redis', version: 1, from: shippedHash, to: revokedHash, publishedBy: 'officer-li', keyId: stack.policySigningKey!.keyId });
      expect(formatAuditRecord(record)).toContain(
        `policy change  published version 1 by officer-li  from ${shippedHash.slice(0, 12)} to ${revokedHash.slice(0, 12)}  signed by key ${stack.policySigningKey!.keyId.slice(0, 12)}`,
      );
    }
  });

  it('the store keeps the history → who published which version, from which hash to which', async () => {
    const history = await new RedisPolicyStore(redis, PREFIX).history();
    expect(history).toEqual([
      { version: 1, hash: revokedHash, previousHash: null, publishedBy: 'officer-li', publishedAt: expect.any(String), keyId: stack.policySigningKey!.keyId },
    ]);
  });

  it('a gateway started after the publication → runs the published version from its start', async () => {
    const late = await stack.addGateway();
    expect(await health(late.gateway.url)).toMatchObject({ policies: revokedHash, policyVersion: 1 });
    expect(await nameDenied(late.request)).toBe(true);
  });

  it('the same files published again → nothing to publish, version unchanged', async () => {
    const { code, out } = await publish(revokedDir);
    expect(code).toBe(0);
    expect(out).toMatch(/^Nothing to publish: version 1 \(hash [0-9a-f]{64}\), published by officer-li at .*, has exactly these files\.$/);
    expect((await new RedisPolicyStore(redis, PREFIX).current())!.version).toBe(1);
  });

  it('an invalid policy set → publish refuses it with file:line, exit 1, the store keeps version 1', async () => {
    const { code, out, err } = await publish(brokenDir);
    expect(code).toBe(1);
    expect(out).toMatch(/^broken\/market\.yaml:\d+: /m);
    expect(err).toContain('nothing was published');
    expect((await new RedisPolicyStore(redis, PREFIX).current())!.version).toBe(1);
  });

  it('an invalid set, signed, put in the store by other means → every instance refuses it; version, policies and access unchanged', async () => {
    const { bundle } = await new RedisPolicyStore(redis, PREFIX).publish({ files: readPolicyDir(brokenDir).files, publishedBy: 'officer-li', signingKey: stack.policySigningKey! });
    expect(bundle.version).toBe(2);
    for (const url of [stack.gateway.url, second.gateway.url, stack.subgraphs.market.url]) {
      await until(async () => Boolean((await health(url)).policyError), 2000);
      const after = await health(url);
      expect(after).toMatchObject({ policies: revokedHash, policyVersion: 1, policyStore: 'connected' });
      expect(after.policyError).toMatch(/^The policies of published version 2 were not loaded \(\d+ problems?\):\n {2}market\.yaml:\d+: /);
    }
    expect(await nameDenied(stack.request)).toBe(true);
    expect(await nameDenied(second.request)).toBe(true);
    const enterprises = await stack.request('{ enterprises(first: 1) { edges { node { name } } } }');
    expect(enterprises.body.errors).toBeUndefined();
    expect(await policyChanges(second.auditDir)).toHaveLength(1);
  });

  it('an unsigned bundle written straight into Redis → every instance refuses it, /health says not signed; version, policies and access unchanged', async () => {
    const store = new RedisPolicyStore(redis, PREFIX);
    const files = readPolicyDir(POLICIES_DIR).files;
    const unsigned: UnsignedPolicyBundle = { version: 3, hash: shippedHash, files, publishedBy: 'intruder', publishedAt: new Date().toISOString(), previousHash: revokedHash };
    await redis.set(store.keys.current, JSON.stringify({ ...unsigned, signature: null }));
    await redis.publish(store.keys.channel, JSON.stringify({ version: 3, hash: shippedHash }));
    for (const url of [stack.gateway.url, second.gateway.url, stack.subgraphs.population.url]) {
      await until(async () => Boolean((await health(url)).policyError?.includes('version 3')), 2000);
      const after = await health(url);
      expect(after).toMatchObject({ policies: revokedHash, policyVersion: 1, policyStore: 'connected' });
      expect(after.policyError).toMatch(
        /^The policies of published version 3 were not loaded: the bundle is not signed by the policy publisher's key [\w-]{43} \(it carries no signature/,
      );
    }
    expect(await nameDenied(stack.request)).toBe(true);
    expect(await nameDenied(second.request)).toBe(true);
  });

  it('a bundle signed with another key written into Redis → every instance refuses it; the name stays denied', async () => {
    const store = new RedisPolicyStore(redis, PREFIX);
    const { key: otherKey } = newSigningKey();
    const unsigned: UnsignedPolicyBundle = {
      version: 4,
      hash: shippedHash,
      files: readPolicyDir(POLICIES_DIR).files,
      publishedBy: 'officer-li',
      publishedAt: new Date().toISOString(),
      previousHash: revokedHash,
    };
    await redis.set(store.keys.current, JSON.stringify({ ...unsigned, signature: await signPolicyBundle(unsigned, otherKey) }));
    await redis.publish(store.keys.channel, JSON.stringify({ version: 4, hash: shippedHash }));
    for (const url of [stack.gateway.url, second.gateway.url, stack.subgraphs.population.url]) {
      await until(async () => Boolean((await health(url)).policyError?.includes('version 4')), 2000);
      expect(await health(url)).toMatchObject({ policies: revokedHash, policyVersion: 1, policyError: expect.stringContaining(`it is signed by another key, ${otherKey.keyId}`) });
    }
    expect(await nameDenied(stack.request)).toBe(true);
    expect(await policyChanges(second.auditDir)).toHaveLength(1);
  });
});
