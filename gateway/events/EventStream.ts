import type { Response } from 'express';
import type { Logger } from 'pino';
import type { HeadPoller } from './HeadPoller';
import type { QueryUpdates } from './queryUpdates';
import { commentFrame, eventFrame, namedFrame } from './sseFrames';
import type { EventScope } from './updatesOperations';

/** The event each application update is sent as. */
export const UPDATE_EVENT = 'application-update';
/** The last event of a stream the gateway closes, with why (`EndReason`). */
export const END_EVENT = 'end';

/**
 * Why the gateway closed a stream (`data.reason` of the `end` event): the token expired; the
 * token is no longer accepted; the query is refused for good (`code` and `message` say how);
 * the gateway is stopping. A client reconnects with a fresh token after the first two, after
 * `shutdown` at once (another instance answers), and not after `refused`.
 */
export type EndReason = 'token-expired' | 'unauthenticated' | 'refused' | 'shutdown';

/** The longest a timer can wait in Node (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Waits between failed queries: doubled from the first, up to the last. */
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;
/** How long the first query waits for the shared poll's first answer (so that it need not be run again when that comes). */
const FIRST_HEAD_WAIT_MS = 1000;
/** The longest a `Retry-After` is honoured. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface EventStreamOptions {
  res: Response;
  scope: EventScope;
  /** Where to resume: updates after this cursor; null: from the reader's first. */
  after: string | null;
  /** The client's headers the queries carry: its token, purpose and case. */
  headers: Record<string, string>;
  /** When the token expires (ms since the epoch); the stream ends then. */
  expiresAtMs: number | null;
  queryUpdates: QueryUpdates;
  head: HeadPoller;
  heartbeatMs: number;
  requestId: string;
  log: Logger;
  /** Called once when the stream is over, however it ended. */
  onClose(): void;
}

/**
 * One open `/events` stream. It queries once at open, then each time the shared head moves past
 * what it saw when it last queried (one query at a time; pages follow each other while they are
 * full), and sends each update as an `application-update` event whose id is its cursor. A comment
 * every `heartbeatMs`; an `end` event, then the close, when the token expires. A query that fails
 * for now is asked again after a while; one refused for good ends the stream. A client too slow to
 * read is not queried for more until what it was sent has gone out.
 */
export class EventStream {
  private after: string | null;
  /** The head when the last query began. */
  private seen: number | undefined;
  private querying = false;
  /** The head moved while a query was under way, or while waiting to retry. */
  private moved = false;
  private failures = 0;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Before the first query: waiting for the poll's first answer. */
  private firstWait: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: EventStreamOptions) {
    this.after = options.after;
  }

  /** Sends the headers, then (unless `follow` is false) the updates after the cursor, then follows the head. */
  start({ follow = true }: { follow?: boolean } = {}): void {
    const { res, heartbeatMs, expiresAtMs } = this.options;
    res.on('close', () => this.finish());
    res.socket?.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and others like it buffer a response unless told not to.
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    this.write(commentFrame('application updates'));
    const heartbeat = setInterval(() => this.write(commentFrame('heartbeat')), heartbeatMs);
    heartbeat.unref();
    this.timers.push(heartbeat);
    if (expiresAtMs !== null) {
      const expiry = setTimeout(
        () => this.end('token-expired', { message: 'The bearer token has expired; open the stream again with a fresh one.' }),
        Math.min(Math.max(0, expiresAtMs - Date.now()), MAX_TIMER_MS),
      );
      expiry.unref();
      this.timers.push(expiry);
    }
    if (!follow) return;
    const { head } = this.options;
    this.unsubscribe = head.subscribe((seq) => this.headMoved(seq));
    if (head.current() !== undefined) {
      void this.query();
      return;
    }
    // The poll has just started: the first query waits for its first answer (or a second at most).
    this.firstWait = setTimeout(() => this.firstQuery(), FIRST_HEAD_WAIT_MS);
    this.firstWait.unref();
  }

  private firstQuery(): void {
    clearTimeout(this.firstWait);
    this.firstWait = undefined;
    void this.query();
  }

  /** Sends the `end` event and closes the stream. */
  end(reason: EndReason, details: { code?: string; message?: string } = {}): void {
    if (this.closed) return;
    this.write(namedFrame(END_EVENT, { reason, ...details }));
    this.options.res.end();
    this.finish();
  }

  private headMoved(head: number): void {
    if (this.firstWait) return this.firstQuery();
    if (head === this.seen) return;
    // Waiting to retry: the retry asks for everything anyway.
    if (this.querying || this.retryTimer) {
      this.moved = true;
      return;
    }
    void this.query();
  }

  private async query(): Promise<void> {
    if (this.closed || this.querying) return;
    this.querying = true;
    try {
      do {
        this.moved = false;
        this.seen = this.options.head.current();
        await this.pages();
      } while (this.moved && !this.closed && !this.retryTimer);
    } catch (error) {
      this.options.log.error({ requestId: this.options.requestId, err: (error as Error).message }, 'events stream failed');
      if (!this.closed && !this.retryTimer) this.retryLater(undefined, (error as Error).message);
    } finally {
      this.querying = false;
    }
  }

  /** Queries page after page while they come full; stops early to wait for a retry or when the stream ends. */
  private async pages(): Promise<void> {
    const { queryUpdates, scope, headers, res } = this.options;
    for (;;) {
      if (this.closed) return;
      if (res.writableNeedDrain && !(await this.drained())) return;
      const answer = await queryUpdates(scope, this.after, headers);
      if (this.closed) return;
      if (answer.kind === 'end') {
        this.end(answer.reason, { code: answer.code, message: answer.message });
        return;
      }
      if (answer.kind === 'retry') {
        this.retryLater(answer.afterMs, answer.why);
        return;
      }
      this.failures = 0;
      const before = this.after;
      for (const update of answer.updates) {
        this.write(eventFrame(update.cursor, UPDATE_EVENT, update));
        this.after = update.cursor;
      }
      if (answer.cursor !== null) this.after = answer.cursor;
      // A full page without progress would be asked for again and again.
      if (!answer.full || this.after === before) return;
    }
  }

  /** Asks again after `afterMs` (what the gateway said, at most a minute), else after a wait doubled at each failure in a row. */
  private retryLater(afterMs: number | undefined, why: string): void {
    const waitMs = afterMs !== undefined ? Math.min(afterMs, MAX_RETRY_AFTER_MS) : Math.min(FIRST_RETRY_MS * 2 ** this.failures, LAST_RETRY_MS);
    this.failures++;
    if (this.failures === 1) this.options.log.warn({ requestId: this.options.requestId, why, waitMs }, 'events stream query failed; asking again');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.query();
    }, waitMs);
    this.retryTimer.unref();
  }

  /** Resolves true once what was written has gone out, false if the stream closed first. */
  private drained(): Promise<boolean> {
    const { res } = this.options;
    return new Promise((resolve) => {
      const done = (value: boolean) => () => {
        res.off('drain', onDrain);
        res.off('close', onClose);
        resolve(value);
      };
      const onDrain = done(true);
      const onClose = done(false);
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
  }

  private write(frame: string): void {
    if (!this.closed) this.options.res.write(frame);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.firstWait) clearTimeout(this.firstWait);
    this.retryTimer = undefined;
    this.firstWait = undefined;
    this.unsubscribe?.();
    this.options.onClose();
  }
}
