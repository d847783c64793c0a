import type { Logger } from 'pino';
import type { DecidedWriteBack } from '../../schema/contracts/writeBack';
import type { AuditEntry } from './AuditRecord';
import { decidedWriteBackOf, writeBackAuditEntry } from './writeBackAuditEntry';
import type { WriteBackCursor } from './WriteBackCursor';

/** How many settled write-backs one round asks for. */
export const WRITE_BACK_BATCH = 100;

export interface FollowWriteBackOutcomesOptions {
  /**
   * The settled write-backs after `after`, at most `limit`, as the service platform sends them
   * (`{ outcomes }` of `WRITE_BACK_OUTCOMES_PATH`); rejects when it cannot be asked.
   */
  fetchOutcomes(after: number, limit: number): Promise<unknown[]>;
  /** Whether there is anything to follow now (the graph has a service platform); while not, neither it nor the cursor is touched. */
  active?: () => boolean;
  cursor: WriteBackCursor;
  /** Stores one record in the ledger; rejects when it was not stored. */
  record(entry: AuditEntry): Promise<unknown>;
  /** How long to wait after a round that found nothing more (or failed). */
  pollMs: number;
  batchSize?: number;
  log: Logger;
}

export interface WriteBackAuditHealth {
  /** The seq of the last settled write-back recorded; null before the cursor was first read. */
  seq: number | null;
  /** Why the last round failed (the service platform unreachable, a record not stored); null when it did not. */
  lastError: string | null;
}

export interface WriteBackAuditFollow {
  health(): WriteBackAuditHealth;
  /** Finishes the round under way (its records stored, the cursor moved), then stops and releases the cursor. */
  stop(): Promise<void>;
}

/**
 * Records in the audit ledger every write-back the service platform reports settled (applied,
 * refused, dead), one record each (`writeBackAuditEntry`), in its order. Each round takes the
 * cursor's turn (one gateway instance records a batch at a time), reads where the ledger is,
 * asks the service platform for what follows, stores those records and only then moves the
 * cursor past them. A failure (the service platform down, the ledger unavailable, a settled
 * write-back that is not well-formed) leaves the cursor where it was and is retried every
 * `pollMs`, quietly: one warning per outage, and `/health` says why meanwhile.
 */
export function followWriteBackOutcomes(options: FollowWriteBackOutcomesOptions): WriteBackAuditFollow {
  const { fetchOutcomes, cursor, record, pollMs, log, active = () => true } = options;
  const batchSize = options.batchSize ?? WRITE_BACK_BATCH;
  let seq: number | null = null;
  let lastError: string | null = null;
  let stopped = false;
  let wake: (() => void) | undefined;

  /** One batch; true when the service platform may have more right away. */
  async function round(): Promise<boolean> {
    if (!active() || !(await cursor.acquire())) return false;
    try {
      const after = await cursor.read();
      seq = after;
      const sent = await fetchOutcomes(after, batchSize);
      // In the order sent (the service platform's seq order), up to the first that is not well-formed.
      const decided = sent.map(decidedWriteBackOf);
      const malformed = decided.findIndex((one) => one === undefined);
      const next = (malformed < 0 ? decided : decided.slice(0, malformed)).filter((one) => one !== undefined && one.seq > after) as DecidedWriteBack[];
      // Queued together, stored in order (the ledger batches them); the cursor moves past those stored before the first that was not.
      const stored = await Promise.allSettled(next.map((one) => record(writeBackAuditEntry(one))));
      const failed = stored.findIndex((result) => result.status === 'rejected');
      const upTo = failed < 0 ? next.length : failed;
      if (upTo > 0) {
        await cursor.advance(next[upTo - 1].seq);
        seq = next[upTo - 1].seq;
      }
      if (failed >= 0) throw (stored[failed] as PromiseRejectedResult).reason;
      if (malformed >= 0) {
        throw new Error(`the service platform sent a settled write-back that is not well-formed after seq ${seq}; nothing past it is recorded until it is fixed`);
      }
      return sent.length >= batchSize;
    } finally {
      await cursor.release().catch(() => undefined);
    }
  }

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const running = (async () => {
    while (!stopped) {
      let more = false;
      try {
        more = await round();
        if (lastError !== null) log.info({ audit: cursor.description, seq }, 'settled write-backs are recorded again');
        lastError = null;
      } catch (error) {
        const message = (error as Error).message;
        if (lastError === null) log.warn({ audit: cursor.description, seq, err: message }, 'settled write-backs cannot be recorded now; retrying');
        lastError = message;
      }
      if (!more && !stopped) await sleep();
    }
  })();

  return {
    health: () => ({ seq, lastError }),
    async stop() {
      stopped = true;
      wake?.();
      await running;
      await cursor.close();
    },
  };
}
