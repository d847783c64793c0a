import type { HitOutcome, RateCounter, RateLimitStore } from './RateLimitStore';
import { refuses, windowIndexOf, type WindowCounts } from './slidingWindow';

interface Entry extends WindowCounts {
  window: number;
}

/**
 * The counters in this process's memory (no Redis): each gateway instance has its own budget.
 * Counters idle for two windows are swept once per window, so addresses seen once do not
 * accumulate.
 */
export function memoryRateLimitStore(): RateLimitStore {
  const entries = new Map<string, Entry>();
  let sweptAt = -1;

  const countsOf = (key: string, window: number): WindowCounts => {
    const entry = entries.get(key);
    if (!entry || entry.window < window - 1) return { current: 0, previous: 0 };
    return entry.window === window ? { current: entry.current, previous: entry.previous } : { current: 0, previous: entry.current };
  };

  const sweep = (window: number) => {
    if (window === sweptAt) return;
    sweptAt = window;
    for (const [key, entry] of entries) if (entry.window < window - 1) entries.delete(key);
  };

  return {
    kind: 'memory',
    async hit(counters: readonly RateCounter[], nowMs: number, windowMs: number): Promise<HitOutcome> {
      const window = windowIndexOf(nowMs, windowMs);
      sweep(window);
      const counts = counters.map(({ key }) => countsOf(key, window));
      const allowed = counters.every(({ limit }, i) => !refuses(counts[i], limit, nowMs, windowMs));
      if (allowed) counters.forEach(({ key }, i) => entries.set(key, { window, current: counts[i].current + 1, previous: counts[i].previous }));
      return { allowed, counts };
    },
    reachable: () => true,
    async close() {
      entries.clear();
    },
  };
}
