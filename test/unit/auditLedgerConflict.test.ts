import { AuditConflict, AuditLedger, AuditUnavailable, GENESIS_HASH, verifyLedgerLines, type AuditRecord, type AuditSink, type SealedHead } from '../../gateway/audit';
import { parseRecordLine } from '../../gateway/audit/parseRecordLine';
import type { LedgerLine } from '../../gateway/audit/readLedgerLines';
import { sampleAuditEntry as entry } from '../support/auditEntries';

/**
 * Several ledgers on one shared store (what several gateway instances on one Redis stream
 * are): the store refuses a batch that does not start at its end (AuditConflict), and the
 * ledger chains the batch again onto the new end. In memory, so that only the ledger is tested.
 */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const OTHER_KEY = new TextEncoder().encode('another audit key, also 32+ bytes long');

/** The store itself: lines and head, appended to only at its end (compare and append). */
class SharedStore {
  lines: string[] = [];
  head: SealedHead | null = null;
  get end(): string {
    return this.head?.hash ?? GENESIS_HASH;
  }

  append(records: readonly AuditRecord[], head: SealedHead): void {
    if (records[0].prev !== this.end) throw new AuditConflict(records[0].prev);
    this.lines.push(...records.map((record) => JSON.stringify(record)));
    this.head = head;
  }

  async *ledgerLines(): AsyncGenerator<LedgerLine> {
    for (const [i, text] of this.lines.entries()) yield { file: 'shared', line: i + 1, id: `${i + 1}-0`, text, terminated: true };
  }
}

/** One writer's view of the store, as a sink. */
class SharedSink implements AuditSink {
  readonly description = 'a shared test store';
  recovers = 0;
  constructor(private readonly store: SharedStore) {}
  async recover() {
    this.recovers++;
    const text = this.store.lines.at(-1);
    return { last: text === undefined ? null : { record: parseRecordLine(text), where: 'the last entry' }, head: this.store.head, torn: null };
  }
  async dropTorn() {}
  async append(records: readonly AuditRecord[], head: SealedHead) {
    await new Promise((resolve) => setImmediate(resolve));
    this.store.append(records, head);
  }
  async check() {}
  async close() {}
}

const verify = (store: SharedStore) => verifyLedgerLines(store.ledgerLines(), store.head, KEY, { fromStart: true, files: ['shared'], headName: 'head' });

describe('audit ledgers sharing one store', () => {
  it('another writer appended first → the batch is chained again onto the new end', async () => {
    const store = new SharedStore();
    const mine = await AuditLedger.open({ sink: new SharedSink(store), key: KEY });
    const theirs = await AuditLedger.open({ sink: new SharedSink(store), key: KEY });
    await theirs.append(entry());
    const record = await mine.append(entry());
    expect([record.seq, record.prev]).toEqual([2, JSON.parse(store.lines[0]).hash]);
  });

  it('two ledgers appending concurrently → one valid chain holding every record', async () => {
    const store = new SharedStore();
    const ledgers = await Promise.all([1, 2].map(() => AuditLedger.open({ sink: new SharedSink(store), key: KEY, maxBatch: 7 })));
    const records = await Promise.all(Array.from({ length: 120 }, (_, i) => ledgers[i % 2].append(entry())));
    expect(await verify(store)).toMatchObject({ ok: true, count: 120 });
    expect(new Set(store.lines.map((line) => JSON.parse(line).requestId))).toEqual(new Set(records.map((record) => record.requestId)));
  });

  it('a conflict on every attempt → the requests fail with AuditUnavailable after maxConflictRetries retries', async () => {
    const store = new SharedStore();
    const sink = new SharedSink(store);
    let attempts = 0;
    sink.append = async (records) => {
      attempts++;
      throw new AuditConflict(records[0].prev);
    };
    const ledger = await AuditLedger.open({ sink, key: KEY, maxConflictRetries: 2 });
    const failure = await ledger.append(entry()).catch((error: unknown) => error);
    expect([failure instanceof AuditUnavailable, attempts]).toEqual([true, 3]);
  });

  it("the store's new end signed with another key → the batch fails with AuditUnavailable", async () => {
    const store = new SharedStore();
    const mine = await AuditLedger.open({ sink: new SharedSink(store), key: KEY });
    const stranger = await AuditLedger.open({ sink: new SharedSink(store), key: OTHER_KEY });
    await stranger.append(entry());
    await expect(mine.append(entry())).rejects.toThrow(/not signed with this audit key/);
  });
});
