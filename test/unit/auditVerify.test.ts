import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLedger, FileAuditSink, verifyLedger, type AuditRecord } from '../../gateway/audit';
import { hashOfRecord } from '../../gateway/audit/sealRecord';
import { sampleAuditEntry as entry } from '../support/auditEntries';

/**
 * Tampering each way is found, and the first bad record named. The ledger: six records,
 * seq 1–3 in DAY_1's file and 4–6 in DAY_2's; each test tampers with a fresh copy.
 */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const DAY_1 = 'audit-2026-11-27.jsonl';
const DAY_2 = 'audit-2026-11-28.jsonl';

describe('verifyLedger', () => {
  let root: string;
  let original: string;
  let dir: string;
  let records: AuditRecord[];

  /** The lines of one file of the copy under test, edited by `edit` and written back. */
  function edit(file: string, change: (lines: string[]) => string[]): void {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    fs.writeFileSync(
      path.join(dir, file),
      change(text.split('\n').slice(0, -1))
        .map((line) => `${line}\n`)
        .join(''),
    );
  }

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-audit-verify-'));
    original = path.join(root, 'original');
    let now = new Date('2026-11-27T10:00:00Z');
    const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(original, { durable: false }), key: KEY, now: () => now });
    records = [];
    for (let i = 0; i < 6; i++) {
      if (i === 3) now = new Date('2026-11-28T10:00:00Z');
      records.push(await ledger.append(entry()));
    }
    await ledger.close();
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(root, 'copy-'));
    fs.cpSync(original, dir, { recursive: true });
  });

  afterAll(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('accepts an untouched ledger, counting its records', async () => {
    expect(await verifyLedger(dir, KEY)).toEqual({ ok: true, count: 6, files: [DAY_1, DAY_2], last: { seq: 6, hash: records[5].hash } });
  });

  it('names an edited record as edited, at its file and line', async () => {
    edit(DAY_1, (lines) => lines.map((line, i) => (i === 1 ? line.replace('"review"', '"statistics"') : line)));
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      count: 1,
      problem: { kind: 'edited', file: DAY_1, line: 2, seq: 2, requestId: records[1].requestId, message: 'its contents do not match its hash' },
    });
  });

  it('names a record edited and re-hashed without the key as edited, by its signature', async () => {
    edit(DAY_2, (lines) =>
      lines.map((line, i) => {
        if (i !== 0) return line;
        const record = { ...(JSON.parse(line) as AuditRecord), purpose: 'statistics' };
        return JSON.stringify({ ...record, hash: hashOfRecord(record) });
      }),
    );
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'edited', file: DAY_2, line: 1, seq: 4, message: expect.stringContaining('signature does not match') },
    });
  });

  it('names the record after a deleted line, saying which seq is missing', async () => {
    edit(DAY_1, (lines) => lines.filter((_, i) => i !== 1));
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'deleted', file: DAY_1, line: 2, seq: 3, message: '1 record(s) before it removed (seq 2)' },
    });
  });

  it('names an inserted forged line as inserted', async () => {
    const forged = { ...records[1], requestId: randomUUID(), purpose: 'statistics' };
    edit(DAY_1, (lines) => [lines[0], JSON.stringify({ ...forged, hash: hashOfRecord(forged) }), ...lines.slice(1)]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'inserted', file: DAY_1, line: 2, requestId: forged.requestId } });
  });

  it('names an inserted line that is not a record as inserted', async () => {
    edit(DAY_2, (lines) => [lines[0], 'nothing to see here', ...lines.slice(1)]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'inserted', file: DAY_2, line: 2 } });
  });

  it('names a replayed copy of an earlier record as inserted', async () => {
    edit(DAY_1, (lines) => [lines[0], lines[1], lines[0], lines[2]]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'inserted', file: DAY_1, line: 3, seq: 1 } });
  });

  it('names a copy of a later record put earlier as inserted', async () => {
    const later = fs.readFileSync(path.join(dir, DAY_2), 'utf8').split('\n')[1];
    edit(DAY_1, (lines) => [lines[0], later, ...lines.slice(1)]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'inserted', file: DAY_1, line: 2, seq: 5, message: `a copy of seq 5, which is at ${DAY_2}:2` },
    });
  });

  it('names the first of two swapped lines as reordered', async () => {
    edit(DAY_1, (lines) => [lines[0], lines[2], lines[1]]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'reordered', file: DAY_1, line: 2, seq: 3, message: `seq 2 should come here; it comes later, at ${DAY_1}:3` },
    });
  });

  it('names lines swapped across files as reordered', async () => {
    const first = fs.readFileSync(path.join(dir, DAY_1), 'utf8').split('\n')[2];
    const second = fs.readFileSync(path.join(dir, DAY_2), 'utf8').split('\n')[0];
    edit(DAY_1, (lines) => [lines[0], lines[1], second]);
    edit(DAY_2, (lines) => [first, ...lines.slice(1)]);
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'reordered', file: DAY_1, line: 3, seq: 4 } });
  });

  it('names the last line removed as truncated, by the stored head', async () => {
    edit(DAY_2, (lines) => lines.slice(0, -1));
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      count: 5,
      problem: { kind: 'truncated', file: DAY_2, line: 3, seq: 6, message: '1 record(s) removed from the end: head.json records seq 6, the ledger ends at seq 5' },
    });
  });

  it('names a last line cut short as truncated', async () => {
    const file = path.join(dir, DAY_2);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length - 40));
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'truncated', file: DAY_2, line: 3, message: expect.stringContaining('incomplete') } });
  });

  it('names the first record left when the first file is deleted, as records deleted at the start', async () => {
    fs.rmSync(path.join(dir, DAY_1));
    expect(await verifyLedger(dir, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'deleted', file: DAY_2, line: 1, seq: 4, message: expect.stringContaining('at the start of the ledger') },
    });
  });

  it('verifies from a file, taking its first record as given', async () => {
    fs.rmSync(path.join(dir, DAY_1));
    expect(await verifyLedger(dir, KEY, { from: DAY_2 })).toMatchObject({ ok: true, count: 3, files: [DAY_2] });
  });

  it("verifies from a day, starting at that day's file", async () => {
    expect(await verifyLedger(dir, KEY, { from: '2026-11-28' })).toMatchObject({ ok: true, count: 3, files: [DAY_2] });
  });

  it('reports records signed with another key at the first record', async () => {
    const other = new TextEncoder().encode('another audit key, also 32+ bytes long');
    expect(await verifyLedger(dir, other)).toMatchObject({ ok: false, problem: { kind: 'edited', file: DAY_1, line: 1, message: expect.stringContaining('signature') } });
  });

  it('reports an edited head.json', async () => {
    const file = path.join(dir, 'head.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"seq":6', '"seq":5'));
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'head', file: 'head.json', message: expect.stringContaining('not signed') } });
  });

  it('reports a missing head.json', async () => {
    fs.rmSync(path.join(dir, 'head.json'));
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: false, problem: { kind: 'head', message: expect.stringContaining('missing') } });
  });
});
