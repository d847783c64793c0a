import type { WindowCounts } from './slidingWindow';

/** One budget a request is counted against: its key in the store and how many requests a window allows. */
export interface RateCounter {
  key: string;
  limit: number;
}

export interface HitOutcome {
  /** True when every counter had room; the request was then counted against each. */
  allowed: boolean;
  /** Each counter's counts before this request, in the order given. */
  counts: WindowCounts[];
}

/**
 * Where the counters live: Redis (shared by every gateway instance) or this process's memory.
 * Both implement the same sliding-window counter (`slidingWindow.ts`) and are tested against
 * the same behaviour.
 */
export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  /**
   * Counts one request against every counter, atomically: all of them when each has room,
   * none when any is full. Rejects when the store cannot answer in time.
   */
  hit(counters: readonly RateCounter[], nowMs: number, windowMs: number): Promise<HitOutcome>;
  /** False while the store is known to be unreachable (a Redis connection that is not ready). */
  reachable(): boolean;
  close(): Promise<void>;
}
