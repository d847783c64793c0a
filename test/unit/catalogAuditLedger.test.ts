import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { AuditLedger, FileAuditSink, type AuditRecord } from '../../gateway/audit';
import type { Identity } from '../../policies';
import type { CatalogContext } from '../../subgraphs/catalog/context';
import { auditChain, auditRecords, ledgerSourceOf } from '../../subgraphs/catalog/ledger';
import { auditRecordView } from '../../subgraphs/catalog/ledger/auditRecordView';
import { readLinesBackwards } from '../../subgraphs/catalog/ledger/readLinesBackwards';
import { sampleAuditEntry } from '../support/auditEntries';

/**
 * The catalog's reading of the audit ledger without a stack: a ledger of six records over three
 * days (two a day, by staff-1 … staff-6), read newest first; who may read it; what is refused.
 */
const KEY = 'an audit key for tests, 32+ bytes long';
const AUDITOR: Identity = { sub: 'auditor-1', roles: ['auditor'], dept: 'catalog', clearance: 3 };
const DAYS = ['2026-11-27', '2026-11-28', '2026-11-29'];

const quietLog = () => ({ warn: jest.fn(), info: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

function contextOf(identity: Identity | null, env: Record<string, string> = {}, dataDir = root, log = quietLog()): CatalogContext {
  return { identity, services: { ledger: ledgerSourceOf({ env, dataDir, log }) } } as unknown as CatalogContext;
}

let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-ledger-'));
  fs.writeFileSync(path.join(root, 'audit-key'), KEY, { mode: 0o600 });
  let now = new Date();
  const ledger = await AuditLedger.open({ sink: await FileAuditSink.open(path.join(root, 'audit'), { durable: false }), key: new TextEncoder().encode(KEY), now: () => now });
  for (const [i, day] of DAYS.entries()) {
    for (const hour of [9, 10]) {
      now = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);
      await ledger.append(sampleAuditEntry({ identity: { sub: `staff-${i * 2 + hour - 8}`, roles: ['caseworker'], dept: 'alpha', clearance: 2 } }));
    }
  }
  await ledger.close();
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('where the ledger is', () => {
  it('no settings → the day files in <data dir>/audit, the key file beside them', () => {
    const source = ledgerSourceOf({ env: {}, dataDir: root, log: quietLog() });
    expect([source.location, source.key.file]).toEqual([{ kind: 'files', dir: path.join(root, 'audit') }, path.join(root, 'audit-key')]);
  });

  it('GOVGRAPH_AUDIT_DIR → that directory, the key file beside it, as the gateway has them', () => {
    const source = ledgerSourceOf({ env: { GOVGRAPH_AUDIT_DIR: path.join(root, 'ledger') }, dataDir: root, log: quietLog() });
    expect([source.location, source.key.file]).toEqual([{ kind: 'files', dir: path.join(root, 'ledger') }, path.join(root, 'audit-key')]);
  });

  it('REDIS_URL with a password → the stream, described without the password', () => {
    const source = ledgerSourceOf({ env: { REDIS_URL: 'redis://user:hunter2-secret@redis.internal:6379', GOVGRAPH_AUDIT_STREAM: 'city:audit' }, dataDir: root, log: quietLog() });
    expect([source.location.kind, source.description]).toEqual(['redis', 'redis://redis.internal:6379 stream city:audit']);
  });
});

describe('reading newest first', () => {
  it('records over three days → newest first, across the day files', async () => {
    const views = await auditRecords(contextOf(AUDITOR), { since: DAYS[0] });
    expect(views.map((view) => view.reader)).toEqual(['staff-6', 'staff-5', 'staff-4', 'staff-3', 'staff-2', 'staff-1']);
  });

  it('since and until → the records chained in between, until excluded', async () => {
    const views = await auditRecords(contextOf(AUDITOR), { since: `${DAYS[1]}T10:00:00Z`, until: DAYS[2] });
    expect(views.map((view) => view.reader)).toEqual(['staff-4']);
  });

  it('first found in the newest day → the older day files are not read', async () => {
    const oldest = path.join(root, 'audit', `audit-${DAYS[0]}.jsonl`);
    const text = fs.readFileSync(oldest, 'utf8');
    fs.appendFileSync(oldest, 'not a record\n');
    try {
      const log = quietLog();
      await auditRecords(contextOf(AUDITOR, {}, root, log), { since: DAYS[0] }, 2);
      expect(log.warn).not.toHaveBeenCalled();
    } finally {
      fs.writeFileSync(oldest, text);
    }
  });

  it('a file read backwards in small chunks → its lines last first, a torn last line first of all', async () => {
    const file = path.join(root, 'lines.txt');
    fs.writeFileSync(file, 'first line\nzweite Zeile über\n\nthird\ntorn');
    const lines: string[] = [];
    for await (const line of readLinesBackwards(file, 4)) lines.push(line);
    expect(lines).toEqual(['torn', 'third', 'zweite Zeile über', 'first line']);
  });
});

describe('who may read the ledger', () => {
  it('an officer → the chain is checked', async () => {
    const status = await auditChain(contextOf({ ...AUDITOR, roles: ['officer'] }));
    expect(status).toMatchObject({ ok: true, records: 6, lastAt: `${DAYS[2]}T10:00:00.000Z` });
  });

  it('a caseworker, though the gateway let the request through → FORBIDDEN from the catalog itself', async () => {
    await expect(auditChain(contextOf({ ...AUDITOR, roles: ['caseworker'] }))).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('no reader (policies off) → UNAUTHENTICATED', async () => {
    await expect(auditRecords(contextOf(null), { since: DAYS[0] })).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('what is refused', () => {
  it('no ledger directory → AUDIT_UNAVAILABLE, reason ledger', async () => {
    await expect(auditChain(contextOf(AUDITOR, { GOVGRAPH_AUDIT_DIR: path.join(root, 'elsewhere'), GOVGRAPH_AUDIT_KEY: KEY }))).rejects.toMatchObject({
      extensions: { code: 'AUDIT_UNAVAILABLE', reason: 'ledger' },
    });
  });

  it('a Redis that does not answer → AUDIT_UNAVAILABLE, its password in no message', async () => {
    const log = quietLog();
    const error = await auditChain(contextOf(AUDITOR, { REDIS_URL: 'redis://user:hunter2-secret@127.0.0.1:1' }, root, log)).catch((caught: Error) => caught);
    expect([(error as any).extensions, JSON.stringify([(error as Error).message, log.warn.mock.calls]).includes('hunter2')]).toEqual([
      { code: 'AUDIT_UNAVAILABLE', reason: 'ledger' },
      false,
    ]);
  });

  it('until not after since → BAD_USER_INPUT', async () => {
    await expect(auditRecords(contextOf(AUDITOR), { since: DAYS[1], until: DAYS[0] })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.until' } });
  });

  it('a date that is not one → BAD_USER_INPUT', async () => {
    await expect(auditRecords(contextOf(AUDITOR), { since: '2026-02-30' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.since' } });
  });

  it('a resident ID number as subject with a key that did not sign the records → AUDIT_UNAVAILABLE, reason key', async () => {
    const otherKey = { GOVGRAPH_AUDIT_KEY: 'another audit key, also 32+ bytes long' };
    await expect(auditRecords(contextOf(AUDITOR, otherKey), { since: DAYS[0], subject: '110105194912310021' })).rejects.toMatchObject({
      extensions: { code: 'AUDIT_UNAVAILABLE', reason: 'key' },
    });
  });
});

describe('a record as the console sees it', () => {
  const record = (overrides: Partial<AuditRecord>): AuditRecord => ({
    ...sampleAuditEntry(),
    v: 1,
    seq: 1,
    time: `${DAYS[0]}T09:00:00.000Z`,
    prev: '0'.repeat(64),
    hash: 'h',
    sig: 's',
    ...overrides,
  });

  it('a reader stored as a bare ID number (a record older than pseudonyms) → masked', () => {
    expect(auditRecordView(record({ identity: { sub: '110105194912310021', roles: ['citizen'], dept: null, clearance: 1 } })).reader).toBe('110105********0021');
  });

  it('a refused token → outcome unauthenticated, code UNAUTHENTICATED', () => {
    const view = auditRecordView(record({ outcome: { kind: 'unauthenticated', reason: 'expired' } }));
    expect([view.outcome, view.codes]).toEqual(['unauthenticated', ['UNAUTHENTICATED']]);
  });

  it('a policy change → operation type policy-change', () => {
    const view = auditRecordView(
      record({ operation: { name: null, type: null, documentHash: null }, policyChange: { source: 'file', version: null, from: 'a', to: 'b', publishedBy: null } }),
    );
    expect(view.operationType).toBe('policy-change');
  });
});
