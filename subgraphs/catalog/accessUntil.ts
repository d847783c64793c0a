import { CODES, requestError } from '../kit';

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** One calendar year after `now`, to the millisecond. */
export function oneYearAfter(now: Date): number {
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  return limit.getTime();
}

/**
 * The end of the access asked for, as ISO 8601 UTC. Accepts a date-time with its offset, or
 * a date meaning the end of that day in Beijing time; it must lie in the future and at most
 * one year from now. BAD_USER_INPUT naming `argument` otherwise.
 */
export function parseAccessUntil(text: string, now: Date, argument = 'input.until'): string {
  let at: number;
  const date = DATE_ONLY.exec(text);
  if (date) {
    const [year, month, day] = date.slice(1).map(Number);
    at = Date.UTC(year, month - 1, day + 1) - BEIJING_OFFSET_MS - 1;
    const local = new Date(at + BEIJING_OFFSET_MS);
    if (local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day) at = Number.NaN;
  } else {
    at = DATE_TIME.test(text) ? Date.parse(text) : Number.NaN;
  }
  if (Number.isNaN(at)) {
    throw requestError(
      CODES.BAD_USER_INPUT,
      '`until` must be an ISO 8601 date-time with its offset (2027-03-31T18:00:00+08:00) or a date (2027-03-31: the end of that day, Beijing time).',
      { argument },
    );
  }
  if (at <= now.getTime()) throw requestError(CODES.BAD_USER_INPUT, '`until` is in the past: access can only be asked for from now on.', { argument });
  if (at > oneYearAfter(now))
    throw requestError(CODES.BAD_USER_INPUT, '`until` is more than one year away: access is granted for at most one year; apply again later.', { argument });
  return new Date(at).toISOString();
}
