import { withDeadline } from '../limit/rate';

/** One thing the gateway needs to serve: null when usable, else why not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<string | null> | string | null;
}

export interface ReadinessReport {
  ready: boolean;
  /** Each check's state: `ok`, or why it is not usable. */
  checks: Record<string, string>;
}

/** A check that has not answered in this long counts as not usable: `/ready` itself must answer promptly. */
const CHECK_TIMEOUT_MS = 1000;

/**
 * Runs every check at once. Ready only when all are usable; a check that throws or does not
 * answer in time is not usable, with the reason.
 */
export async function readinessOf(checks: readonly ReadinessCheck[], timeoutMs = CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }): Promise<[string, string]> => {
      try {
        const problem = await withDeadline(Promise.resolve().then(check), timeoutMs);
        return [name, problem ?? 'ok'];
      } catch (error) {
        return [name, (error as Error).message || 'failed'];
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'ok'), checks: Object.fromEntries(results) };
}
