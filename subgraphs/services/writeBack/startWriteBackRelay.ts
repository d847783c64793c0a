import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { SealedWriteBack } from '../../../schema/contracts/writeBack';
import type { ServicesDatabase } from '../database';
import { checkOutcome, recordOutcome } from './recordOutcome';
import { changeWriteBackState, keptText } from './settleWriteBack';
import { redeliverDelayMs, retryDelayMs, type WriteBackRelaySettings } from './writeBackRelaySettings';
import type { WriteBackPublisher } from './WriteBackPublisher';

/** What `/health` says of the write-backs. */
export interface WriteBackHealth {
  transport: 'http' | 'redis';
  pending: number;
  dead: number;
  /** Age of the oldest pending write-back, 0 when none. */
  oldestPendingSeconds: number;
  /** The transport's problem, else the last failed delivery's error (null once one succeeds again). */
  lastError: string | null;
}

export interface WriteBackRelay {
  /** Resolves once the first look at the outbox is done (what a previous run left is on its way). */
  started: Promise<void>;
  /** Looks at the outbox now rather than at the next poll: a completion was just committed. */
  wake(): void;
  /** Records an outcome received apart from a delivery (the outcomes stream); a malformed one is logged and dropped. */
  receive(outcome: unknown): Promise<void>;
  health(): Promise<WriteBackHealth>;
  /** Stops polling, abandons deliveries under way (recorded as failed attempts) and waits for them. */
  close(): Promise<void>;
}

export interface WriteBackRelayOptions {
  db: Kysely<ServicesDatabase>;
  publisher: WriteBackPublisher;
  settings: WriteBackRelaySettings;
  log: Logger;
}

interface DueRow {
  id: string;
  sealed: string;
  attempts: number;
  next_attempt_at: string;
  published_at: string | null;
  last_error: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The relay of the transactional outbox: it polls `write_backs` for pending rows that are due
 * (every `pollMs` while there are pending ones, every `idlePollMs` while there are none, and at
 * once when woken by a completion),
 * claims each (pushing its due time past the delivery's timeout, only if no other relay moved
 * it first: several services instances may share one database), delivers it through the
 * publisher, and records what came of it. A failed delivery is retried with exponential
 * backoff and jitter; after `maxAttempts` deliveries without an outcome the write-back is dead,
 * in the dead-letter list until replayed. An outcome is recorded at most once.
 */
export function startWriteBackRelay(options: WriteBackRelayOptions): WriteBackRelay {
  const { db, publisher, settings, log } = options;
  const inFlight = new Map<string, Promise<void>>();
  let lastError: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const receive = async (value: unknown): Promise<void> => {
    const checked = checkOutcome(value);
    if ('why' in checked) {
      log.warn({ why: checked.why }, 'a write-back outcome that is not one was dropped');
      return;
    }
    const recorded = await recordOutcome(db, checked.outcome);
    if (recorded === 'unknown') log.warn({ eventId: checked.outcome.eventId, department: checked.outcome.department }, 'an outcome of no write-back of this platform was ignored');
    else if (recorded === 'settled') log.info({ eventId: checked.outcome.eventId, state: checked.outcome.state }, 'write-back settled');
  };

  const fail = async (row: DueRow, attempts: number, error: string): Promise<void> => {
    lastError = error;
    const now = Date.now();
    if (attempts >= settings.maxAttempts) {
      const dead = await db.transaction().execute((trx) => changeWriteBackState(trx, row.id, 'pending', { state: 'dead', at: iso(now), lastError: error }));
      if (dead) log.error({ eventId: row.id, attempts, err: error }, 'write-back dead after its last attempt; `govgraph exchange replay` delivers it again');
      return;
    }
    await db
      .updateTable('write_backs')
      .set({ last_error: error, next_attempt_at: iso(now + retryDelayMs(settings, attempts)) })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .execute();
    log.warn({ eventId: row.id, attempts, err: error }, 'write-back delivery failed; retrying later');
  };

  const deliver = async (row: DueRow, attempts: number): Promise<void> => {
    let delivery;
    try {
      delivery = await publisher.deliver(JSON.parse(row.sealed) as SealedWriteBack);
    } catch (error) {
      await fail(row, attempts, keptText((error as Error).message) ?? 'delivery failed');
      return;
    }
    lastError = null;
    if (delivery.kind === 'answered') {
      await receive(delivery.outcome);
      return;
    }
    const now = Date.now();
    await db
      .updateTable('write_backs')
      .set({ published_at: iso(now), last_error: null, next_attempt_at: iso(now + redeliverDelayMs(settings, attempts)) })
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .execute();
  };

  /** Takes a due row for this relay, counting the attempt; false when another relay (or an outcome) moved it first. */
  const claim = async (row: DueRow): Promise<boolean> => {
    const leaseUntil = iso(Date.now() + settings.timeoutMs + 5000);
    const claimed = await db
      .updateTable('write_backs')
      .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('state', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  };

  /** One look at the outbox: delivers what is due (as far as there is room); true while pending write-backs remain. */
  const pass = async (): Promise<boolean> => {
    const room = settings.concurrency - inFlight.size;
    if (room <= 0) return true;
    const due = (await db
      .selectFrom('write_backs')
      .select(['id', 'sealed', 'attempts', 'next_attempt_at', 'published_at', 'last_error'])
      .where('state', '=', 'pending')
      .where('next_attempt_at', '<=', iso(Date.now()))
      .orderBy('next_attempt_at')
      .limit(room)
      .execute()) as DueRow[];
    if (due.length === 0) {
      if (inFlight.size > 0) return true;
      return Boolean(await db.selectFrom('write_backs').select('id').where('state', '=', 'pending').limit(1).executeTakeFirst());
    }
    for (const row of due) {
      if (stopped || inFlight.size >= settings.concurrency) break;
      if (inFlight.has(row.id)) continue;
      const attempts = Number(row.attempts);
      if (attempts >= settings.maxAttempts) {
        // Published as often as allowed and never answered (Redis), or left so by a relay that stopped.
        const why = row.last_error ?? (row.published_at ? `no outcome after ${attempts} publications` : `no outcome after ${attempts} attempts`);
        await db.transaction().execute((trx) => changeWriteBackState(trx, row.id, 'pending', { state: 'dead', at: iso(Date.now()), lastError: why }));
        lastError = why;
        continue;
      }
      if (!(await claim(row))) continue;
      const work = deliver(row, attempts + 1)
        .catch((error: Error) => {
          lastError = `recording a delivery failed: ${keptText(error.message)}`;
          log.warn({ eventId: row.id, err: error.message }, 'recording a write-back delivery failed; it is retried when its claim lapses');
        })
        .finally(() => {
          inFlight.delete(row.id);
          // A slot freed: more may be due.
          if (!stopped) wake();
        });
      inFlight.set(row.id, work);
    }
    return true;
  };

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    let busy = true;
    running = pass()
      .then((pending) => {
        busy = pending;
      })
      .catch((error: Error) => {
        const message = `reading the outbox failed: ${keptText(error.message)}`;
        if (lastError !== message) log.warn({ err: error.message }, 'reading the write-back outbox failed; retrying');
        lastError = message;
      })
      .finally(() => {
        running = null;
        if (stopped) return;
        if (again) {
          again = false;
          setImmediate(run);
        } else timer = setTimeout(run, busy ? settings.pollMs : settings.idlePollMs);
      });
  };
  const wake = (): void => run();
  run();
  const started = running ?? Promise.resolve();

  return {
    started,
    wake,
    receive,
    async health() {
      const counts = await db
        .selectFrom('write_backs')
        .select((eb) => ['state', eb.fn.countAll().as('n'), eb.fn.min('created_at').as('oldest')])
        .where('state', 'in', ['pending', 'dead'])
        .groupBy('state')
        .execute();
      const of = (state: string) => counts.find((c) => c.state === state);
      const oldest = of('pending')?.oldest as string | undefined;
      return {
        transport: publisher.transport,
        pending: Number(of('pending')?.n ?? 0),
        dead: Number(of('dead')?.n ?? 0),
        oldestPendingSeconds: oldest ? Math.max(0, Math.round((Date.now() - Date.parse(oldest)) / 1000)) : 0,
        lastError: publisher.lastError() ?? lastError,
      };
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await publisher.close();
      await running;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
