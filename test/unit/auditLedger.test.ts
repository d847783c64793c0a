import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLedger, AuditUnavailable, FileAuditSink, GENESIS_HASH, loadAuditKey, verifyLedger, type AuditLedgerOptions } from '../../gateway/audit';
import { checkSeal } from '../../gateway/audit/checkSeal';
import { sampleAuditEntry as entry } from '../support/auditEntries';

/** The ledger over JSON-line files: chaining, signing, recovery on open, concurrency, failed writes. */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const OTHER_KEY = new TextEncoder().encode('another audit key, also 32+ bytes long');
const DAY_1 = new Date('2026-11-27T23:59:59.000Z');
const DAY_2 = new Date('2026-11-28T00:00:01.000Z');

describe('audit ledger', () => {
  let dir: string;
  let auditDir: string;
  const open: AuditLedger[] = [];

  async function openLedger(options: Partial<AuditLedgerOptions> = {}): Promise<AuditLedger> {
    const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(auditDir, { durable: false }), key: KEY, ...options });
    open.push(ledger);
    return ledger;
  }

  async function closeAll(): Promise<void> {
    await Promise.all(open.splice(0).map((ledger) => ledger.close()));
  }

  function lines(file: string): string[] {
    return fs.readFileSync(path.join(auditDir, file), 'utf8').split('\n').filter(Boolean);
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-audit-ledger-'));
    auditDir = path.join(dir, 'audit');
  });

  afterEach(async () => {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('links the first record to the genesis hash', async () => {
    const ledger = await openLedger();
    const record = await ledger.append(entry());
    expect([record.seq, record.prev]).toEqual([1, GENESIS_HASH]);
  });

  it("links each record to the previous record's hash", async () => {
    const ledger = await openLedger();
    const first = await ledger.append(entry());
    const second = await ledger.append(entry());
    expect([second.seq, second.prev]).toEqual([2, first.hash]);
  });

  it('signs each record with the audit key', async () => {
    const record = await (await openLedger()).append(entry());
    expect([checkSeal(record, KEY), checkSeal(record, OTHER_KEY)]).toEqual(['ok', 'signature']);
  });

  it('writes each record as one JSON line in the file of its day', async () => {
    const record = await (await openLedger({ now: () => DAY_1 })).append(entry());
    expect(lines('audit-2026-11-27.jsonl').map((line) => JSON.parse(line))).toEqual([record]);
  });

  it('keeps one unbroken chain under 500 concurrent appends', async () => {
    const ledger = await openLedger();
    const records = await Promise.all(Array.from({ length: 500 }, () => ledger.append(entry())));
    expect(records.map((record) => record.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(await verifyLedger(auditDir, KEY)).toMatchObject({ ok: true, count: 500 });
  });

  it("continues the chain into the next day's file", async () => {
    let now = DAY_1;
    const ledger = await openLedger({ now: () => now });
    await ledger.append(entry());
    now = DAY_2;
    const next = await ledger.append(entry());
    expect([lines('audit-2026-11-28.jsonl').length, next.seq]).toEqual([1, 2]);
    expect(await verifyLedger(auditDir, KEY)).toMatchObject({ ok: true, count: 2, files: ['audit-2026-11-27.jsonl', 'audit-2026-11-28.jsonl'] });
  });

  it("never writes back into an earlier day's file when the clock goes back", async () => {
    let now = DAY_2;
    const ledger = await openLedger({ now: () => now });
    await ledger.append(entry());
    now = DAY_1;
    await ledger.append(entry());
    expect(fs.existsSync(path.join(auditDir, 'audit-2026-11-27.jsonl'))).toBe(false);
    expect(lines('audit-2026-11-28.jsonl')).toHaveLength(2);
  });

  it('continues the chain from the last line when opened again', async () => {
    const first = await openLedger();
    const last = await first.append(entry());
    await closeAll();
    const next = await (await openLedger()).append(entry());
    expect([next.seq, next.prev]).toEqual([2, last.hash]);
    expect(await verifyLedger(auditDir, KEY)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses to open a ledger whose last record is signed with another key', async () => {
    await (await openLedger()).append(entry());
    await closeAll();
    await expect(openLedger({ key: OTHER_KEY })).rejects.toThrow(/not signed with this audit key/);
  });

  it('refuses to open a ledger whose last record was edited', async () => {
    await (await openLedger({ now: () => DAY_1 })).append(entry());
    await closeAll();
    const file = path.join(auditDir, 'audit-2026-11-27.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"review"', '"statistics"'));
    await expect(openLedger()).rejects.toThrow(/seq 1\) was edited/);
  });

  it('refuses to open a ledger with records removed from its end', async () => {
    const ledger = await openLedger({ now: () => DAY_1 });
    await ledger.append(entry());
    await ledger.append(entry());
    await closeAll();
    const file = path.join(auditDir, 'audit-2026-11-27.jsonl');
    fs.writeFileSync(file, `${lines('audit-2026-11-27.jsonl')[0]}\n`);
    await expect(openLedger()).rejects.toThrow(/head.json records seq 2 but the last record is seq 1/);
  });

  it('removes an incomplete last line on open, keeping it in a .torn file', async () => {
    await (await openLedger({ now: () => DAY_1 })).append(entry());
    await closeAll();
    const file = path.join(auditDir, 'audit-2026-11-27.jsonl');
    fs.appendFileSync(file, '{"v":1,"seq":2,"ti');
    const warnings: string[] = [];
    const next = await (await openLedger({ now: () => DAY_1, warn: (message) => warnings.push(message) })).append(entry());
    expect(next.seq).toBe(2);
    expect(fs.readFileSync(`${file}.torn`, 'utf8')).toBe('{"v":1,"seq":2,"ti\n');
    expect(warnings).toEqual([expect.stringContaining('incomplete audit record')]);
    expect(await verifyLedger(auditDir, KEY)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses a second writer on the same directory', async () => {
    await openLedger();
    await expect(FileAuditSink.open(auditDir)).rejects.toThrow(/is in use by process \d+ \(this one\)/);
  });

  it('takes over a lock left by a process that is gone', async () => {
    fs.mkdirSync(auditDir, { recursive: true });
    fs.writeFileSync(path.join(auditDir, '.lock'), '4194303');
    await expect(openLedger()).resolves.toBeInstanceOf(AuditLedger);
  });

  it("takes over a lock naming this process's pid that this process does not hold (a restarted container)", async () => {
    fs.mkdirSync(auditDir, { recursive: true });
    fs.writeFileSync(path.join(auditDir, '.lock'), String(process.pid));
    await expect(openLedger()).resolves.toBeInstanceOf(AuditLedger);
  });

  it('rejects the append with AuditUnavailable when the disk is full', async () => {
    const ledger = await openLedger({ now: () => DAY_1 });
    fs.symlinkSync('/dev/full', path.join(auditDir, 'audit-2026-11-27.jsonl'));
    await expect(ledger.append(entry())).rejects.toThrow(AuditUnavailable);
  });

  it('continues the chain from the last stored record after a failed write', async () => {
    const ledger = await openLedger({ now: () => DAY_1 });
    const stored = await ledger.append(entry());
    fs.renameSync(path.join(auditDir, 'audit-2026-11-27.jsonl'), path.join(dir, 'saved.jsonl'));
    fs.symlinkSync('/dev/full', path.join(auditDir, 'audit-2026-11-27.jsonl'));
    await expect(ledger.append(entry())).rejects.toThrow(/no space left on device/i);
    fs.rmSync(path.join(auditDir, 'audit-2026-11-27.jsonl'));
    fs.renameSync(path.join(dir, 'saved.jsonl'), path.join(auditDir, 'audit-2026-11-27.jsonl'));
    const next = await ledger.append(entry());
    expect([next.seq, next.prev]).toEqual([2, stored.hash]);
    expect(await verifyLedger(auditDir, KEY)).toMatchObject({ ok: true, count: 2 });
  });

  it('rejects appends once closed', async () => {
    const ledger = await openLedger();
    await ledger.close();
    await expect(ledger.append(entry())).rejects.toThrow(/closed/);
  });
});

describe('audit key', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-audit-key-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key file readable by its owner only on first start', () => {
    const file = path.join(dir, 'audit-key');
    loadAuditKey({ file, create: true, env: {} });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads the same key from the file on the next start', () => {
    const file = path.join(dir, 'audit-key');
    expect(loadAuditKey({ file, create: true, env: {} })).toEqual(loadAuditKey({ file, create: false, env: {} }));
  });

  it('takes GOVGRAPH_AUDIT_KEY over the key file', () => {
    const key = 'k'.repeat(40);
    expect(loadAuditKey({ file: path.join(dir, 'audit-key'), create: true, env: { GOVGRAPH_AUDIT_KEY: key } })).toEqual(new TextEncoder().encode(key));
    expect(fs.existsSync(path.join(dir, 'audit-key'))).toBe(false);
  });

  it('refuses a GOVGRAPH_AUDIT_KEY shorter than 32 characters', () => {
    expect(() => loadAuditKey({ file: path.join(dir, 'audit-key'), create: true, env: { GOVGRAPH_AUDIT_KEY: 'short' } })).toThrow(/at least 32/);
  });

  it('does not create a key file when it may not (production, the CLI)', () => {
    expect(() => loadAuditKey({ file: path.join(dir, 'audit-key'), create: false, env: {} })).toThrow(/No audit key: set GOVGRAPH_AUDIT_KEY/);
  });
});
