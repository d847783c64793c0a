import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AuditLedger,
  auditPseudonym,
  decidedWriteBackOf,
  FileAuditSink,
  formatAuditRecord,
  matchesAuditQuery,
  onceEachWriteBack,
  verifyLedger,
  writeBackAuditEntry,
  type AuditRecord,
} from '../../gateway/audit';
import { sampleAuditEntry } from '../support/auditEntries';
import { sampleOutcome } from '../support/fakeServicePlatform';

/** A settled write-back as the ledger keeps it, shows it and finds it. */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const APPLICANT = '110105199001010014';
const SINCE = new Date('2000-01-01');

describe('the audit record of a settled write-back', () => {
  let dir: string;
  let ledger: AuditLedger;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-back-record-'));
    ledger = await AuditLedger.open({ sink: await FileAuditSink.open(dir, { durable: false }), key: KEY });
  });

  afterEach(async () => {
    await ledger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const store = (overrides: Parameters<typeof sampleOutcome>[0] = {}, seq = 1): Promise<AuditRecord> => ledger.append(writeBackAuditEntry({ ...sampleOutcome(overrides), seq }));

  it("the applicant's ID number → stored as its pseudonym, in the keys and in the record written", async () => {
    const record = await store();
    const pseudonym = auditPseudonym(KEY, APPLICANT);
    expect({ keys: record.keys, written: record.writeBack?.record, clear: JSON.stringify(record).includes(APPLICANT) }).toEqual({
      keys: [pseudonym, 'APP-2026-000123'],
      written: `Person ${pseudonym}`,
      clear: false,
    });
  });

  it('an ID number in a refusal reason → stored as its pseudonym', async () => {
    const record = await store({ state: 'refused', record: null, reason: `no such person ${APPLICANT}` });
    expect(record.outcome).toEqual({ kind: 'errors', codes: ['WRITE_BACK_REFUSED'], reason: `no such person ${auditPseudonym(KEY, APPLICANT)}` });
  });

  it('a dead write-back → DENY for its fields, WRITE_BACK_DEAD', async () => {
    const record = await store({ state: 'dead', record: null, reason: 'gave up after 8 attempts' });
    expect({ decisions: record.decisions, codes: record.outcome.kind === 'errors' && record.outcome.codes }).toEqual({
      decisions: [{ coordinate: 'Person.householdAddress', decision: 'DENY' }],
      codes: ['WRITE_BACK_DEAD'],
    });
  });

  it('`audit tail` → one line naming the event, the department, the state, the fields and who completed', async () => {
    const line = formatAuditRecord(await store({ state: 'refused', record: null, reason: 'no write rule' }));
    expect(line).toMatch(
      /^#1 {2}\S+ {2}write-back household-address-change → population {2}refused \(no write rule\) {2}fields=Person\.householdAddress {2}by=staff-0001 {2}case=APP-2026-000123 {2}item=household-address-change {2}keys=\S+ {2}request=APP-2026-000123\/1$/,
    );
  });

  it('`audit query` by the applicant, the department, the field → found each way', async () => {
    const record = await store();
    const pseudonym = auditPseudonym(KEY, APPLICANT);
    expect([
      matchesAuditQuery(record, { since: SINCE, subjects: [APPLICANT, pseudonym] }),
      matchesAuditQuery(record, { since: SINCE, department: 'population' }),
      matchesAuditQuery(record, { since: SINCE, coordinate: 'Person.householdAddress' }),
      matchesAuditQuery(record, { since: SINCE, department: 'licenses' }),
    ]).toEqual([true, true, true, false]);
  });

  it('the same write-back recorded twice → shown once, the copy reported', async () => {
    const records = [await store({}, 1), await ledger.append(sampleAuditEntry()), await store({}, 1)];
    const repeats: string[] = [];
    const shown: string[] = [];
    for await (const record of onceEachWriteBack(
      (async function* () {
        yield* records;
      })(),
      (copy) => repeats.push(copy.requestId),
    ))
      shown.push(record.operation.type ?? 'none');
    expect({ shown, repeats }).toEqual({ shown: ['write-back', 'query'], repeats: ['APP-2026-000123/1'] });
  });

  it('a ledger holding write-back records → verifies', async () => {
    await store();
    await ledger.append(sampleAuditEntry());
    expect(await verifyLedger(dir, KEY)).toMatchObject({ ok: true, count: 2 });
  });

  it('a settled write-back missing a field → not taken', () => {
    const { applicant: _applicant, ...rest } = { ...sampleOutcome(), seq: 1 };
    expect([decidedWriteBackOf(rest), decidedWriteBackOf({ ...rest, applicant: APPLICANT, state: 'pending' })]).toEqual([undefined, undefined]);
  });
});
