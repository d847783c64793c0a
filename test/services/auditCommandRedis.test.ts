import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { AuditLedger, FileAuditSink, redactRedisUrl, RedisAuditSink, type AuditEntry } from '../../gateway/audit';
import { auditCommand } from '../../cli/auditCommand';
import { UsageError } from '../../cli/parseOptions';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';

/**
 * `govgraph audit verify | tail | query` over a Redis stream (`--redis`, or REDIS_URL):
 *   #1 staff-1 (caseworker) reads Thing t1 for `review`
 *   #2 a citizen reads their own Person for `self-service`
 *   #3 staff-2 (reviewer) reads the citizen's Person for `audit`
 *   #4 a refused token
 */
const KEY = 'an audit key for tests, 32+ bytes long';
const CITIZEN = '110105194912310021';
const BIN = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');
const PREFIX = uniqueRedisPrefix('audit-cli');
const STREAM = `${PREFIX}audit`;

function entry(requestId: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    requestId,
    identity: null,
    purpose: null,
    caseId: null,
    operation: { name: null, type: 'query', documentHash: 'a'.repeat(64) },
    keys: [],
    decisions: [],
    subgraphs: [],
    outcome: { kind: 'ok' },
    policyHash: 'policy-1',
    ...overrides,
  };
}

const ENTRIES: AuditEntry[] = [
  entry('req-1', { identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'services', clearance: 2 }, purpose: 'review', keys: ['t1'] }),
  entry('req-2', { identity: { sub: CITIZEN, roles: ['citizen'], dept: null, clearance: 1 }, purpose: 'self-service' }),
  entry('req-3', { identity: { sub: 'staff-2', roles: ['reviewer'], dept: 'market', clearance: 3 }, purpose: 'audit', keys: [CITIZEN] }),
  entry('req-4', { operation: { name: null, type: null, documentHash: null }, outcome: { kind: 'unauthenticated', reason: 'expired' } }),
];

/** Runs the command in this process: exit code, stdout and stderr lines. */
async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void stdout.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void stderr.push(line));
  try {
    return { code: await auditCommand(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const seqs = (lines: string[]) => lines.map((line) => Number(/^#(\d+) /.exec(line)?.[1]));

describeWithRedis('govgraph audit over a Redis stream', () => {
  let redis: Redis;
  let root: string;
  let keyFile: string;
  let copies = 0;
  const saved = { REDIS_URL: process.env.REDIS_URL, GOVGRAPH_AUDIT_KEY: process.env.GOVGRAPH_AUDIT_KEY, GOVGRAPH_AUDIT_STREAM: process.env.GOVGRAPH_AUDIT_STREAM };
  const redisArgs = (stream = STREAM) => ['--redis', REDIS_URL!, '--stream', stream];

  /** A copy of the stream with entry `index` (0-based) changed by `change`. */
  async function tamperedCopy(index: number, change: (line: string) => string): Promise<{ stream: string; ids: string[] }> {
    const stream = `${PREFIX}copy-${++copies}`;
    const ids: string[] = [];
    for (const [i, [, fields]] of (await redis.xrange(STREAM, '-', '+')).entries()) ids.push((await redis.xadd(stream, '*', 'line', i === index ? change(fields[1]) : fields[1]))!);
    await redis.set(`${stream}:head`, (await redis.get(`${STREAM}:head`))!);
    return { stream, ids };
  }

  beforeAll(async () => {
    delete process.env.GOVGRAPH_AUDIT_KEY;
    delete process.env.GOVGRAPH_AUDIT_STREAM;
    redis = new Redis(REDIS_URL!);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-audit-cli-redis-'));
    keyFile = path.join(root, 'audit-key');
    fs.writeFileSync(keyFile, KEY, { mode: 0o600 });
    const ledger = await AuditLedger.open({ sink: await RedisAuditSink.open({ url: REDIS_URL!, stream: STREAM }), key: new TextEncoder().encode(KEY) });
    for (const value of ENTRIES) await ledger.append(value);
    await ledger.close();
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    delete process.env.GOVGRAPH_AUDIT_KEY;
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('verify --redis prints the number of records and exits 0 on a sound stream', async () => {
    const { code, stdout } = await run(['verify', ...redisArgs(), '--key-file', keyFile]);
    expect([code, stdout]).toEqual([0, [`${redactRedisUrl(REDIS_URL!)} stream ${STREAM}: 4 record(s): chain and signatures valid; last seq 4.`]]);
  });

  it('verify names the first edited entry by position and id, and exits 1', async () => {
    const { stream, ids } = await tamperedCopy(2, (line) => line.replace('"audit"', '"statistics"'));
    const { code, stdout } = await run(['verify', ...redisArgs(stream), '--key-file', keyFile]);
    expect([code, stdout]).toEqual([1, [`stream ${stream} entry #3 (${ids[2]}): edited: record seq 3 (request req-3): its contents do not match its hash`]]);
  });

  it('verify reads the stream REDIS_URL names when no --dir is given', async () => {
    process.env.REDIS_URL = REDIS_URL;
    process.env.GOVGRAPH_AUDIT_STREAM = STREAM;
    const { code, stdout } = await run(['verify', '--key-file', keyFile]);
    expect([code, stdout[0]]).toEqual([0, expect.stringContaining(`stream ${STREAM}: 4 record(s)`)]);
  });

  it('verify --dir reads the files even when REDIS_URL is set', async () => {
    process.env.REDIS_URL = REDIS_URL;
    const dir = path.join(root, 'files', 'audit');
    const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(dir, { durable: false }), key: new TextEncoder().encode(KEY) });
    await ledger.append(ENTRIES[0]);
    await ledger.close();
    const { code, stdout } = await run(['verify', '--dir', dir, '--key-file', keyFile]);
    expect([code, stdout[0]]).toEqual([0, expect.stringContaining('1 record(s) in 1 file(s)')]);
  });

  it('refuses --dir together with --redis', async () => {
    await expect(run(['verify', '--dir', root, '--redis', REDIS_URL!])).rejects.toThrow(UsageError);
  });

  it('verify refuses a stream that does not exist, naming it', async () => {
    await expect(run(['verify', ...redisArgs(`${PREFIX}nothing`), '--key-file', keyFile])).rejects.toThrow(`No audit stream ${PREFIX}nothing at`);
  });

  it('exits 1 from the installed CLI when the stream was tampered with (key from GOVGRAPH_AUDIT_KEY)', async () => {
    const { stream } = await tamperedCopy(1, () => '{"v":1}');
    const child = spawn(process.execPath, [BIN, 'audit', 'verify', '--stream', stream], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REDIS_URL, GOVGRAPH_AUDIT_KEY: KEY },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect([code, stdout]).toEqual([1, expect.stringMatching(new RegExp(`^stream ${stream} entry #2 \\(\\d+-\\d+\\): edited: it is not an audit record\\n$`))]);
  });

  it('tail -n 2 prints the last two records of the stream, oldest first', async () => {
    expect(seqs((await run(['tail', ...redisArgs(), '-n', '2'])).stdout)).toEqual([3, 4]);
  });

  it('tail --json prints the records as stored in the stream', async () => {
    const [[, fields]] = await redis.xrevrange(STREAM, '+', '-', 'COUNT', 1);
    expect((await run(['tail', ...redisArgs(), '-n', '1', '--json'])).stdout).toEqual([fields[1]]);
  });

  it('tail --follow prints records added to the stream, until interrupted', async () => {
    const stream = `${PREFIX}live`;
    const ledger = await AuditLedger.open({ sink: await RedisAuditSink.open({ url: REDIS_URL!, stream }), key: new TextEncoder().encode(KEY) });
    await ledger.append(entry('before-start'));
    const child = spawn(process.execPath, [BIN, 'audit', 'tail', '--follow', '-n', '1', ...redisArgs(stream)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const printed = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => stdout.includes(text) && resolve();
        child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), check()));
        check();
      });
    try {
      await printed('request=before-start');
      await ledger.append(entry('after-start'));
      await printed('request=after-start');
    } finally {
      child.kill('SIGTERM');
      await ledger.close();
    }
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
  });

  it('query --subject matches a citizen both as reader and as the record read', async () => {
    expect(seqs((await run(['query', ...redisArgs(), '--since', '2000-01-01', '--subject', CITIZEN, '--key-file', keyFile])).stdout)).toEqual([2, 3]);
  });

  it('query --subject with an ID number and a key that did not sign the stream → refused, not "none match"', async () => {
    const wrong = path.join(root, 'another-audit-key');
    fs.writeFileSync(wrong, 'another audit key, also 32+ bytes long', { mode: 0o600 });
    await expect(run(['query', ...redisArgs(), '--since', '2000-01-01', '--subject', CITIZEN, '--key-file', wrong])).rejects.toThrow(
      /The audit key found did not sign these records/,
    );
  });

  it('query --until before every record → none match', async () => {
    expect((await run(['query', ...redisArgs(), '--since', '2000-01-01', '--until', '2000-01-02'])).stderr).toEqual(['0 record(s) match.']);
  });
});
