import type { Logger } from 'pino';

export interface HeadPollerOptions {
  /**
   * Asks the service platform for the newest application update's number
   * (`APPLICATION_UPDATES_HEAD_PATH`: `{ seq }`); rejects when it cannot.
   */
  fetchHead(): Promise<unknown>;
  pollMs: number;
  log: Logger;
}

export interface HeadPollerHealth {
  /** The newest application update's number last seen; null while nothing is followed or before the first answer. */
  head: number | null;
  /** Why the last poll failed; null when it did not. */
  lastError: string | null;
}

/**
 * One poll per gateway instance, shared by every `/events` stream: while at least one stream
 * listens, the head is asked for every `pollMs`, and each listener is told when it moves (so a
 * stream queries only then, not on every tick). It says nothing of whose update it is: the head
 * is a number and nothing more. With no listener it does not poll.
 */
export interface HeadPoller {
  /** The head last seen; undefined before the first answer (or while nothing listens). */
  current(): number | undefined;
  /** Calls `listener` with each new head; returns how to stop. The first listener starts the polling. */
  subscribe(listener: (head: number) => void): () => void;
  health(): HeadPollerHealth;
  /** Stops polling for good. */
  close(): void;
}

export function createHeadPoller({ fetchHead, pollMs, log }: HeadPollerOptions): HeadPoller {
  const listeners = new Set<(head: number) => void>();
  let head: number | undefined;
  let lastError: string | null = null;
  let running = false;
  let closed = false;
  let wake: (() => void) | undefined;

  async function poll(): Promise<void> {
    try {
      const body = (await fetchHead()) as { seq?: unknown } | null;
      const seq = body?.seq;
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw new Error('the service platform answered the head of the application updates without a seq');
      if (lastError !== null) log.info({ head: seq }, 'application updates head answers again');
      lastError = null;
      if (seq === head) return;
      head = seq;
      for (const listener of [...listeners]) {
        try {
          listener(seq);
        } catch (error) {
          log.error({ err: (error as Error).message }, 'an events stream failed to take a new head');
        }
      }
    } catch (error) {
      const message = (error as Error).message;
      if (lastError === null) log.warn({ err: message }, 'the application updates head cannot be read; streams wait for it');
      lastError = message;
    }
  }

  async function run(): Promise<void> {
    running = true;
    while (listeners.size > 0 && !closed) {
      await poll();
      if (listeners.size === 0 || closed) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    running = false;
    // Nothing follows it now: the next stream starts from a fresh head.
    head = undefined;
  }

  return {
    current: () => head,
    subscribe(listener) {
      listeners.add(listener);
      if (!running && !closed) void run();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) wake?.();
      };
    },
    health: () => ({ head: head ?? null, lastError }),
    close() {
      closed = true;
      listeners.clear();
      wake?.();
    },
  };
}
