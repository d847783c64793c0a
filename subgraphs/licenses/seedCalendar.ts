/**
 * Dates of generated licenses, as whole UTC days. Seeds describe the world as of a fixed
 * day rather than the clock, so the same options always give the same rows.
 */
export const AS_OF = Date.UTC(2026, 10, 1);

const DAY = 86_400_000;

export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function addDays(time: number, days: number): number {
  return time + days * DAY;
}

/** The same calendar day `years` later (29 February becomes 1 March). */
export function addYears(time: number, years: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate());
}

/** A day in [from, to], both inclusive. */
export function dayBetween(draw: { int(min: number, max: number): number }, from: number, to: number): number {
  return from + draw.int(0, Math.max(0, Math.round((to - from) / DAY))) * DAY;
}
