import type { AuditAccess, AuditQuery } from '../../../gateway/audit';
import { CODES, requestError } from '../../kit';

/** `AuditRecordFilter` as the schema gives it. */
export interface AuditRecordFilterInput {
  since: string;
  until?: string | null;
  reader?: string | null;
  department?: string | null;
  coordinate?: string | null;
  decision?: AuditAccess | null;
  subject?: string | null;
  purpose?: string | null;
}

/** The filter checked: what `audit query` matches, and what only the catalog adds (reader, decision). */
export interface AuditRecordFilter {
  /** Time, purpose, coordinate, department; subjects are added once the key is known. */
  query: AuditQuery;
  /** A reader's subject, or a subject the records name (a resident ID number: matched by its pseudonym). */
  reader?: string;
  subject?: string;
  decision?: AuditAccess;
  /** How many records to return, at most MAX_AUDIT_RECORDS. */
  first: number;
}

/** The most records one request returns, whatever `first` asks for. */
export const MAX_AUDIT_RECORDS = 200;
export const DEFAULT_AUDIT_RECORDS = 50;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A time as `audit query --since/--until` takes it: an ISO 8601 date-time with its offset, or a
 * date (the start of that day, UTC, the day the ledger's files are named by).
 */
function timeOf(text: string, argument: string): Date {
  const date = DATE_ONLY.exec(text);
  let at = Number.NaN;
  if (date) {
    const [year, month, day] = date.slice(1).map(Number);
    at = Date.UTC(year, month - 1, day);
    if (new Date(at).getUTCMonth() !== month - 1 || new Date(at).getUTCDate() !== day) at = Number.NaN;
  } else if (DATE_TIME.test(text)) {
    at = Date.parse(text);
  }
  if (Number.isNaN(at)) {
    throw requestError(
      CODES.BAD_USER_INPUT,
      `\`${argument}\` must be an ISO 8601 date-time with its offset (2026-11-27T08:00:00Z) or a date (2026-11-27: from the start of that day, UTC).`,
      {
        argument: `filter.${argument}`,
      },
    );
  }
  return new Date(at);
}

/** An empty text is no filter (a form's empty box). */
const given = (text: string | null | undefined): string | undefined => (text === null || text === undefined || text.trim() === '' ? undefined : text.trim());

/** The filter and `first` checked; BAD_USER_INPUT for a time that is not one, an empty span or a negative `first`. Never repeats `subject`. */
export function parseAuditRecordFilter(input: AuditRecordFilterInput, first: number | null | undefined): AuditRecordFilter {
  const since = timeOf(input.since.trim(), 'since');
  const untilText = given(input.until);
  const until = untilText === undefined ? undefined : timeOf(untilText, 'until');
  if (until && until.getTime() <= since.getTime()) throw requestError(CODES.BAD_USER_INPUT, '`until` must come after `since`.', { argument: 'filter.until' });
  const count = first ?? DEFAULT_AUDIT_RECORDS;
  if (!Number.isInteger(count) || count < 0) throw requestError(CODES.BAD_USER_INPUT, '`first` must be a whole number, 0 or more.', { argument: 'first' });
  return {
    query: { since, until, purpose: given(input.purpose), coordinate: given(input.coordinate), department: given(input.department) },
    reader: given(input.reader),
    subject: given(input.subject),
    decision: input.decision ?? undefined,
    first: Math.min(count, MAX_AUDIT_RECORDS),
  };
}
