import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditCommand } from '../../cli/auditCommand';
import { UsageError } from '../../cli/parseOptions';
import { AuditLedger, FileAuditSink, type AuditEntry } from '../../gateway/audit';

/**
 * `govgraph audit verify | tail | query` over a ledger of four records across two days:
 *   #1 27 Nov 09:00 staff-1 (caseworker) reads Thing t1 for `review`
 *   #2 27 Nov 10:00 a citizen reads their own Person for `self-service`
 *   #3 28 Nov 09:00 staff-2 (reviewer) reads the citizen's Person for `audit`, phone masked
 *   #4 28 Nov 11:00 a refused token
 */
const KEY = 'an audit key for tests, 32+ bytes long';
const CITIZEN = '110105194912310021';
const BIN = path.join(__dirname, '..', '..', 'bin', 'govgraph.js');

function entry(requestId: string, overrides: Partial<AuditEntry>): AuditEntry {
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

const ENTRIES: [string, AuditEntry][] = [
  [
    '2026-11-27T09:00:00.000Z',
    entry('req-1', {
      identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'services', clearance: 2 },
      purpose: 'review',
      caseId: 'APP-1',
      operation: { name: 'Thing', type: 'query', documentHash: 'a'.repeat(64) },
      keys: ['t1'],
      decisions: [
        { coordinate: 'Query.thing', decision: 'ALLOW' },
        { coordinate: 'Thing.name', decision: 'ALLOW' },
      ],
      subgraphs: ['alpha'],
    }),
  ],
  [
    '2026-11-27T10:00:00.000Z',
    entry('req-2', {
      identity: { sub: CITIZEN, roles: ['citizen'], dept: null, clearance: 1 },
      purpose: 'self-service',
      decisions: [{ coordinate: 'Person.phone', decision: 'DENY', own: 'ALLOW' }],
      subgraphs: ['population'],
    }),
  ],
  [
    '2026-11-28T09:00:00.000Z',
    entry('req-3', {
      identity: { sub: 'staff-2', roles: ['reviewer'], dept: 'market', clearance: 3 },
      purpose: 'audit',
      keys: [CITIZEN],
      decisions: [{ coordinate: 'Person.phone', decision: 'MASK', mask: 'phone' }],
      subgraphs: ['population'],
    }),
  ],
  ['2026-11-28T11:00:00.000Z', entry('req-4', { operation: { name: null, type: null, documentHash: null }, outcome: { kind: 'unauthenticated', reason: 'expired' } })],
];

/** A ledger of ENTRIES in `root/audit`, its key beside it in `root/audit-key`. */
async function writeLedger(root: string): Promise<string> {
  const dir = path.join(root, 'audit');
  fs.writeFileSync(path.join(root, 'audit-key'), KEY, { mode: 0o600 });
  let now = new Date();
  const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(dir, { durable: false }), key: new TextEncoder().encode(KEY), now: () => now });
  for (const [time, value] of ENTRIES) {
    now = new Date(time);
    await ledger.append(value);
  }
  await ledger.close();
  return dir;
}

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

/** The seq numbers of the summary lines printed. */
const seqs = (lines: string[]) => lines.map((line) => Number(/^#(\d+) /.exec(line)?.[1]));

describe('govgraph audit', () => {
  let root: string;
  let dir: string;
  const savedKey = process.env.GOVGRAPH_AUDIT_KEY;

  beforeAll(async () => {
    delete process.env.GOVGRAPH_AUDIT_KEY;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-audit-cli-'));
    dir = await writeLedger(root);
  });

  afterAll(() => {
    if (savedKey !== undefined) process.env.GOVGRAPH_AUDIT_KEY = savedKey;
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** A copy of the ledger (and its key) with line `line` of `file` edited by `change`. */
  function tamperedCopy(file: string, line: number, change: (text: string) => string): string {
    const copy = fs.mkdtempSync(path.join(root, 'tampered-'));
    fs.cpSync(dir, path.join(copy, 'audit'), { recursive: true });
    fs.copyFileSync(path.join(root, 'audit-key'), path.join(copy, 'audit-key'));
    const target = path.join(copy, 'audit', file);
    const lines = fs.readFileSync(target, 'utf8').split('\n');
    lines[line - 1] = change(lines[line - 1]);
    fs.writeFileSync(target, lines.join('\n'));
    return path.join(copy, 'audit');
  }

  it('verify prints the number of records and exits 0 on a sound ledger', async () => {
    const { code, stdout } = await run(['verify', '--dir', dir]);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      expect.stringMatching(/: 4 record\(s\) in 2 file\(s\) \(audit-2026-11-27\.jsonl … audit-2026-11-28\.jsonl\): chain and signatures valid; last seq 4\.$/),
    ]);
  });

  it('verify prints file:line of the first bad record and its id, and exits 1', async () => {
    const tampered = tamperedCopy('audit-2026-11-28.jsonl', 1, (text) => text.replace('"MASK"', '"ALLOW"'));
    const { code, stdout } = await run(['verify', '--dir', tampered]);
    expect(code).toBe(1);
    expect(stdout).toEqual([expect.stringMatching(/audit-2026-11-28\.jsonl:1: edited: record seq 3 \(request req-3\): its contents do not match its hash$/)]);
  });

  it("verify --from a day checks from that day's file on", async () => {
    const { code, stdout } = await run(['verify', '--dir', dir, '--from', '2026-11-28']);
    expect([code, stdout[0]]).toEqual([0, expect.stringContaining('2 record(s) in 1 file(s)')]);
  });

  it('verify takes the key from --key-file', async () => {
    const elsewhere = fs.mkdtempSync(path.join(root, 'keyless-'));
    fs.cpSync(dir, path.join(elsewhere, 'audit'), { recursive: true });
    const { code } = await run(['verify', '--dir', path.join(elsewhere, 'audit'), '--key-file', path.join(root, 'audit-key')]);
    expect(code).toBe(0);
  });

  it('query --subject with an ID number and no audit key to be found → refused, naming where the key goes', async () => {
    const elsewhere = fs.mkdtempSync(path.join(root, 'keyless-'));
    fs.cpSync(dir, path.join(elsewhere, 'audit'), { recursive: true });
    await expect(run(['query', '--dir', path.join(elsewhere, 'audit'), '--since', '2026-11-01', '--subject', CITIZEN])).rejects.toThrow(
      /No audit key: set GOVGRAPH_AUDIT_KEY or provide .*audit-key/,
    );
  });

  it('query --subject with an ID number and --key-file → the records of that person', async () => {
    const elsewhere = fs.mkdtempSync(path.join(root, 'keyless-'));
    fs.cpSync(dir, path.join(elsewhere, 'audit'), { recursive: true });
    const { stdout } = await run(['query', '--dir', path.join(elsewhere, 'audit'), '--since', '2026-11-01', '--subject', CITIZEN, '--key-file', path.join(root, 'audit-key')]);
    expect(seqs(stdout)).toEqual([2, 3]);
  });

  it('exits 1 from the installed CLI when the ledger was tampered with', async () => {
    const tampered = tamperedCopy('audit-2026-11-27.jsonl', 2, () => '');
    const child = spawn(process.execPath, [BIN, 'audit', 'verify', '--dir', tampered], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stdout).toMatch(/audit-2026-11-27\.jsonl:2: edited: it is not an audit record\n$/);
  });

  it('tail prints one line per record: seq, time, reader, purpose, case, operation, outcome, departments, decisions, keys, request', async () => {
    const { stdout } = await run(['tail', '--dir', dir, '-n', '4']);
    expect(stdout[0]).toBe(
      '#1  2026-11-27T09:00:00.000Z  staff-1 (caseworker; services)  purpose=review  case=APP-1  query Thing  ok  subgraphs=alpha  fields=2 allowed, 0 masked, 0 denied  keys=t1  request=req-1',
    );
  });

  it('tail -n 3 prints the last three records, oldest first, across files', async () => {
    expect(seqs((await run(['tail', '--dir', dir, '-n', '3'])).stdout)).toEqual([2, 3, 4]);
  });

  it('tail --json prints the records as stored', async () => {
    const { stdout } = await run(['tail', '--dir', dir, '-n', '1', '--json']);
    expect(stdout).toEqual([fs.readFileSync(path.join(dir, 'audit-2026-11-28.jsonl'), 'utf8').split('\n')[1]]);
  });

  it('tail --follow prints records as they are added, until interrupted', async () => {
    const live = path.join(fs.mkdtempSync(path.join(root, 'live-')), 'audit');
    const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(live, { durable: false }), key: new TextEncoder().encode(KEY) });
    await ledger.append(entry('before-start', {}));
    const child = spawn(process.execPath, [BIN, 'audit', 'tail', '--follow', '-n', '1', '--dir', live], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const printed = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => stdout.includes(text) && resolve();
        child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), check()));
        check();
      });
    try {
      await printed('request=before-start');
      await ledger.append(entry('after-start', {}));
      await printed('request=after-start');
    } finally {
      child.kill('SIGTERM');
      await ledger.close();
    }
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
  });

  it("the ledger's files → a citizen's ID number only as its pseudonym, never in the clear", () => {
    const text = fs
      .readdirSync(dir)
      .map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
      .join('');
    expect(text).not.toContain(CITIZEN);
    expect(text).toMatch(/110105\*{8}0021~[0-9a-f]{16}/);
  });

  it("query --subject matches records whose reader's sub it is", async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-01', '--subject', 'staff-1'])).stdout)).toEqual([1]);
  });

  it('query --subject matches records of requests that named it as an ID', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-01', '--subject', 't1'])).stdout)).toEqual([1]);
  });

  it('query --subject matches a citizen both as reader and as the record read', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-01', '--subject', CITIZEN])).stdout)).toEqual([2, 3]);
  });

  it('query --since leaves out records chained before it', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-27T09:30:00Z'])).stdout)).toEqual([2, 3, 4]);
  });

  it('query --until leaves out records chained at or after it', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-27', '--until', '2026-11-28T09:00:00Z'])).stdout)).toEqual([1, 2]);
  });

  it('query --purpose keeps the records of that purpose', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-27', '--purpose', 'audit'])).stdout)).toEqual([3]);
  });

  it('query --coordinate keeps the requests that selected that field, whatever was decided', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-27', '--coordinate', 'Person.phone'])).stdout)).toEqual([2, 3]);
  });

  it('query --department keeps the records that reached that department', async () => {
    expect(seqs((await run(['query', '--dir', dir, '--since', '2026-11-27', '--department', 'population'])).stdout)).toEqual([2, 3]);
  });

  it('query prints how many records matched on stderr', async () => {
    expect((await run(['query', '--dir', dir, '--since', '2026-11-27', '--purpose', 'review'])).stderr).toEqual(['1 record(s) match.']);
  });

  it('query refuses a --since that is not a time', async () => {
    await expect(run(['query', '--dir', dir, '--since', 'yesterday'])).rejects.toThrow(UsageError);
  });

  it('refuses an unknown subcommand with the usage', async () => {
    await expect(run(['erase'])).rejects.toThrow(/usage: govgraph audit verify/);
  });
});
