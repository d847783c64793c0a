/**
 * The sliding-window counter both stores implement (Redis in `slidingWindowScript.ts`, memory in
 * `memoryRateLimitStore.ts`): time is cut into fixed windows, each counted; a request is allowed
 * when the previous window's count, weighted by how much of it the sliding window still
 * covers, plus the current window's count, stays below the limit. Two numbers per counter
 * instead of one timestamp per request, and no burst of twice the limit at a window's edge
 * (the flaw of a fixed window).
 */
export interface WindowCounts {
  /** Requests counted in the current fixed window. */
  current: number;
  /** Requests counted in the fixed window before it. */
  previous: number;
}

/** The index of the fixed window `nowMs` falls in. */
export function windowIndexOf(nowMs: number, windowMs: number): number {
  return Math.floor(nowMs / windowMs);
}

/**
 * Whether one more request would exceed `limit`. The Lua script computes exactly this, in the
 * same order of operations, so both stores decide alike to the last bit.
 */
export function refuses(counts: WindowCounts, limit: number, nowMs: number, windowMs: number): boolean {
  const index = windowIndexOf(nowMs, windowMs);
  const weight = 1 - (nowMs - index * windowMs) / windowMs;
  // The tolerance keeps a request at the exact boundary `retryAfterMs` names allowed despite rounding.
  return counts.previous * weight + counts.current + 1 > limit + 1e-9;
}

/**
 * How long until one more request fits under `limit`, given the counts that refused it (only
 * allowed requests are counted, so this holds however often the caller retries meanwhile).
 */
export function retryAfterMs(counts: WindowCounts, limit: number, nowMs: number, windowMs: number): number {
  const start = windowIndexOf(nowMs, windowMs) * windowMs;
  let at: number;
  if (counts.current + 1 <= limit && counts.previous > 0) {
    // Still in this window, once enough of the previous one has slid out.
    at = start + windowMs * (1 - (limit - 1 - counts.current) / counts.previous);
  } else {
    // This window is full: in the next one, once enough of this one has slid out.
    at = start + windowMs + windowMs * (1 - (limit - 1) / Math.max(counts.current, 1));
  }
  return Math.max(0, Math.ceil(at - nowMs));
}
