/**
 * What one department spends on requests, so that one heavy request cannot starve the
 * others: how many GraphQL requests it serves at once, how many may wait for a turn
 * (beyond them it refuses at once with DEPARTMENT_BUSY), how long one SQL statement may
 * take, and how large one answer may grow.
 */
export interface RequestBudget {
  /** GraphQL requests served at once. */
  maxConcurrent: number;
  /** Requests that may wait for a turn; a short queue absorbs a burst, a long one only hides an overload. */
  maxQueued: number;
  /**
   * PostgreSQL: the longest one statement may run (`statement_timeout`), then it is cancelled
   * and the request gets an error. SQLite: the longest a statement waits for another
   * connection's lock (busy timeout); SQLite cannot interrupt a statement that is running.
   * Below the gateway's own timeout (5 s), so the department gives up first.
   */
  statementTimeoutMs: number;
  /** List items one answer may hold (`limitResultSize`): nested lists grow as items^depth, and past this the answer is refused. */
  maxResultItems: number;
}

export const DEFAULT_REQUEST_BUDGET: RequestBudget = { maxConcurrent: 16, maxQueued: 32, statementTimeoutMs: 4000, maxResultItems: 20_000 };

/** A budget with each setting left out at its default; a setting that is not a positive whole number is refused. */
export function requestBudgetOf(settings: Partial<RequestBudget> = {}): RequestBudget {
  const budget = { ...DEFAULT_REQUEST_BUDGET, ...settings };
  for (const [name, value] of Object.entries(budget)) {
    if (!Number.isInteger(value) || value < (name === 'maxQueued' ? 0 : 1)) {
      throw new Error(`The request budget's ${name} must be a ${name === 'maxQueued' ? 'non-negative' : 'positive'} whole number, got ${value}`);
    }
  }
  return budget;
}
