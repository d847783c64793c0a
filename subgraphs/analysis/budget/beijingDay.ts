const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The day (YYYY-MM-DD) it is in Beijing at `now`, and when the next one starts (ISO 8601, UTC). */
export function beijingDay(now: Date): { day: string; resetsAt: string } {
  const local = new Date(now.getTime() + BEIJING_OFFSET_MS);
  const day = local.toISOString().slice(0, 10);
  const nextMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - BEIJING_OFFSET_MS;
  return { day, resetsAt: new Date(nextMidnight).toISOString() };
}
