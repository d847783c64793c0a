import { RATE_LIMITS_ENV } from '../../gateway/config/rateLimitsConfig';
import type { Identity } from '../../policies';

/** A budget no bench run spends (a few thousand requests per second at most, for minutes). */
export const UNSPENDABLE = 1_000_000_000;

/**
 * The rate limits as the bench runs them: on, as by default, counting every request, but with
 * budgets the bench's own readers cannot spend — each by name (`GOVGRAPH_RATE_IDENTITY_BUDGETS`),
 * and the per-department budget raised (there is none by name) — so that its figures measure
 * answers, not 429s. Everyone else keeps the defaults.
 */
export function benchRateLimitEnv(readers: readonly Identity[]): Record<string, string> {
  const subjects = [...new Set(readers.map((reader) => reader.sub))];
  return {
    [RATE_LIMITS_ENV.identityBudgets]: subjects.map((sub) => `${sub}=${UNSPENDABLE}`).join(','),
    [RATE_LIMITS_ENV.perDepartment]: String(UNSPENDABLE),
  };
}
