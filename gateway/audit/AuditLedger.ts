import { GENESIS_HASH, type AuditEntry, type AuditRecord, type ChainHead } from './AuditRecord';
import { AuditConflict } from './AuditConflict';
import type { AuditSink, RecoveredLedger } from './AuditSink';
import { checkSeal } from './checkSeal';
import { pseudonymizeEntry } from './auditPseudonym';
import { headSignatureMatches, sealHead, sealRecord } from './sealRecord';

/** An audit record could not be written: the request it records must fail. */
export class AuditUnavailable extends Error {
  constructor(cause: unknown) {
    super(`The audit record could not be written: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AuditUnavailable';
  }
}

export interface AuditLedgerOptions {
  sink: AuditSink;
  key: Uint8Array;
  /** The clock records are stamped with (tests move it across days). */
  now?: () => Date;
  /** Told when the ledger repaired something on open (an incomplete last line removed). */
  warn?: (message: string) => void;
  /** Records written together at most (one write and one sync per batch). */
  maxBatch?: number;
  /**
   * How many times a batch is chained again onto the store's new end when another writer
   * appended first (an AuditConflict from a shared store); then its requests fail. Default
   * 50: three busy instances on one stream were seen to need up to 9 in a row.
   */
  maxConflictRetries?: number;
}

interface Pending {
  entry: AuditEntry;
  resolve(record: AuditRecord): void;
  reject(error: AuditUnavailable): void;
}

/**
 * The hash-chained, signed audit ledger. Appends are queued and written one batch at a
 * time by a single writer, so concurrent requests can never fork the chain; a record's
 * promise settles only when it is stored, and the chain advances only past stored records.
 */
export class AuditLedger {
  private head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  private readonly pending: Pending[] = [];
  private writing: Promise<void> | undefined;
  private closed = false;
  private readonly now: () => Date;
  private readonly maxBatch: number;
  private readonly maxConflictRetries: number;

  private constructor(private readonly options: AuditLedgerOptions) {
    this.now = options.now ?? (() => new Date());
    this.maxBatch = options.maxBatch ?? 500;
    this.maxConflictRetries = options.maxConflictRetries ?? 50;
  }

  /**
   * Opens the ledger where its sink left it. A ledger whose end does not verify (its last
   * record edited or signed with another key, records cut from its end) is refused: the
   * gateway must not extend a chain it cannot vouch for.
   */
  static async open(options: AuditLedgerOptions): Promise<AuditLedger> {
    const ledger = new AuditLedger(options);
    const { sink } = options;
    const recovered = await sink.recover();
    ledger.head = continuationOf(recovered, options);
    const { torn } = recovered;
    if (torn) {
      await sink.dropTorn();
      options.warn?.(`Removed an incomplete audit record (a write cut short) at ${torn.where}; kept in a .torn file beside it`);
    }
    return ledger;
  }

  /** The last record stored. */
  get last(): ChainHead {
    return { ...this.head };
  }

  /** Chains, signs and stores the record of one request; rejects with AuditUnavailable when it could not be stored. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    if (this.closed) return Promise.reject(new AuditUnavailable(new Error('the audit ledger is closed')));
    return new Promise<AuditRecord>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Rejects with AuditUnavailable when a record could not be stored now. */
  async check(): Promise<void> {
    try {
      await this.options.sink.check();
    } catch (error) {
      throw new AuditUnavailable(error);
    }
  }

  /** Waits for the records already queued, then releases the sink. */
  async close(): Promise<void> {
    this.closed = true;
    await this.writing;
    await this.options.sink.close();
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      let records: AuditRecord[];
      try {
        records = await this.store(batch.map(({ entry }) => entry));
      } catch (error) {
        const failure = new AuditUnavailable(error);
        for (const waiting of batch) waiting.reject(failure);
        continue;
      }
      batch.forEach((waiting, i) => waiting.resolve(records[i]));
    }
    this.writing = undefined;
  }

  /**
   * Chains, signs and stores one batch; the head advances only once it is stored. When a
   * shared store reports that another writer appended first, re-reads its end (checked as
   * on open) and chains the batch again onto it.
   */
  private async store(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    for (let attempt = 0; ; attempt++) {
      let head = this.head;
      const records = entries.map((entry) => {
        const record = sealRecord(pseudonymizeEntry(entry, this.options.key), head, this.now(), this.options.key);
        head = { seq: record.seq, hash: record.hash };
        return record;
      });
      try {
        await this.options.sink.append(records, sealHead(head, this.now(), this.options.key));
        this.head = head;
        return records;
      } catch (error) {
        if (!(error instanceof AuditConflict) || attempt >= this.maxConflictRetries) throw error;
        this.head = continuationOf(error.end ?? (await this.options.sink.recover()), this.options);
      }
    }
  }
}

/**
 * Where the chain continues from, as the sink found its end. A ledger whose end does not
 * verify (its last record edited or signed with another key, records cut from its end) is
 * refused: the gateway must not extend a chain it cannot vouch for.
 */
function continuationOf({ last, head }: RecoveredLedger, { sink, key }: AuditLedgerOptions): ChainHead {
  const headName = sink.headName ?? 'head.json';
  const refuse = (why: string) =>
    new Error(`The audit ledger ${sink.description} cannot be continued: ${why}. Run \`npx govgraph audit verify\`; to start a new ledger, move it aside.`);
  let end: ChainHead = { seq: 0, hash: GENESIS_HASH };
  if (last) {
    if (!last.record) throw refuse(`${last.where} is not an audit record`);
    const seal = checkSeal(last.record, key);
    if (seal === 'hash') throw refuse(`${last.where} (seq ${last.record.seq}) was edited: its contents do not match its hash`);
    if (seal === 'signature') throw refuse(`${last.where} (seq ${last.record.seq}) is not signed with this audit key (GOVGRAPH_AUDIT_KEY or audit-key changed?)`);
    end = { seq: last.record.seq, hash: last.record.hash };
  }
  if (head === 'unreadable') throw refuse(`${headName} is not a ledger head`);
  if (head) {
    if (!headSignatureMatches(head, key)) throw refuse(`${headName} is not signed with this audit key`);
    if (head.seq > end.seq) throw refuse(`${headName} records seq ${head.seq} but the last record is seq ${end.seq}: records were removed from the end`);
    if (head.seq === end.seq && head.hash !== end.hash) throw refuse(`${headName} and the last record (seq ${head.seq}) disagree`);
  }
  return end;
}
