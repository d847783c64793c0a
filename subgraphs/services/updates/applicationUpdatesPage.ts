import type { Kysely } from 'kysely';
import { CODES, decodeCursor, encodeCursor, requestError } from '../../kit';
import type { ApplicationStatus, ApplicationUpdateKind, ServicesDatabase } from '../database';
import { stateName, type WriteBackRecord } from '../writeBack/writeBackRecord';

/** The largest page of updates one request reads. */
export const MAX_UPDATES_PAGE = 500;

export interface ApplicationUpdateRecord {
  seq: number;
  cursor: string;
  applicationId: string;
  /** Whose application it is: the owner `self` rules compare with the reader. */
  applicant: string;
  kind: ApplicationUpdateKind;
  at: string;
  status: ApplicationStatus | null;
  writeBack: WriteBackRecord | null;
}

export interface ApplicationUpdatePage {
  updates: ApplicationUpdateRecord[];
  cursor: string | null;
}

/** Whose updates a page holds: one resident's applications, the cases one department handles, or every case. */
export type UpdatesOf = { applicant: string } | { handledBy: string } | 'all';

/** Checks `first` (1 to MAX_UPDATES_PAGE) and reads `after` (a cursor this API returned); BAD_USER_INPUT otherwise. */
export function updatesPageArguments(first: number | null | undefined, after: string | null | undefined): { limit: number; afterSeq: number } {
  const limit = first ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_UPDATES_PAGE) {
    throw requestError(CODES.BAD_USER_INPUT, `\`first\` must be a whole number from 1 to ${MAX_UPDATES_PAGE}.`, { argument: 'first' });
  }
  if (after === null || after === undefined) return { limit, afterSeq: 0 };
  const key = decodeCursor(after);
  if (!/^\d{1,15}$/.test(key)) throw requestError(CODES.BAD_USER_INPUT, 'The `after` cursor is not one this API returned.', { argument: 'after' });
  return { limit, afterSeq: Number(key) };
}

/** Updates after the cursor, oldest first; the page's cursor is the last one's, or `after` unchanged when nothing is new. */
export async function applicationUpdatesPage(db: Kysely<ServicesDatabase>, of: UpdatesOf, args: { first?: number | null; after?: string | null }): Promise<ApplicationUpdatePage> {
  const { limit, afterSeq } = updatesPageArguments(args.first, args.after);
  let query = db
    .selectFrom('application_updates as u')
    .leftJoin('write_backs as w', 'w.id', 'u.write_back_id')
    .select([
      'u.seq',
      'u.application_id',
      'u.applicant',
      'u.kind',
      'u.status',
      'u.write_back_id',
      'u.state',
      'u.attempts',
      'u.reason',
      'u.record',
      'u.at',
      'w.department',
      'w.event',
      'w.fields',
    ])
    .where('u.seq', '>', afterSeq);
  if (of !== 'all') query = 'applicant' in of ? query.where('u.applicant', '=', of.applicant) : query.where('u.handled_by', '=', of.handledBy);
  const rows = await query.orderBy('u.seq').limit(limit).execute();
  const updates = rows.map((row): ApplicationUpdateRecord => ({
    seq: Number(row.seq),
    cursor: encodeCursor(String(row.seq)),
    applicationId: row.application_id,
    applicant: row.applicant,
    kind: row.kind,
    at: row.at,
    status: row.status,
    writeBack:
      row.kind === 'WRITE_BACK' && row.write_back_id && row.state
        ? {
            id: row.write_back_id,
            applicationId: row.application_id,
            department: row.department ?? '',
            event: row.event ?? '',
            fields: row.fields ? (JSON.parse(row.fields) as string[]) : [],
            state: stateName(row.state),
            attempts: Number(row.attempts ?? 0),
            at: row.at,
            reason: row.reason,
            record: row.record,
          }
        : null,
  }));
  return { updates, cursor: updates.length > 0 ? updates[updates.length - 1].cursor : (args.after ?? null) };
}
