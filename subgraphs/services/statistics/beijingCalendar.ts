const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing calendar day of an instant, as days since 1970-01-01. */
export function beijingDay(at: number): number {
  return Math.floor((at + BEIJING_OFFSET_MS) / DAY_MS);
}

/** The Beijing date of an instant: YYYY-MM-DD. */
export function beijingDate(at: number): string {
  return new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing date (YYYY-MM-DD) begins. */
export function beijingDayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

/** Mondays to Fridays among days 0..day (day 0, 1970-01-01, a Thursday). */
function weekdaysThrough(day: number): number {
  // Shifted so that shifted day 0 is a Monday: 1970-01-01 is shifted day 3.
  const days = day + 3 + 1;
  return Math.floor(days / 7) * 5 + Math.min(days % 7, 5) - 3;
}

/**
 * Working days from one instant to a later one, as a legal time limit counts them: the
 * Mondays to Fridays after the day of `from` up to and including the day of `to`, in Beijing
 * time (a case closed on the day it was submitted took 0). Public holidays and the weekends
 * worked in their place are not known here, so they are not counted differently.
 */
export function workingDaysBetween(from: number, to: number): number {
  return Math.max(0, weekdaysThrough(beijingDay(to)) - weekdaysThrough(beijingDay(from)));
}
