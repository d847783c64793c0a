import type { GraphQLResolveInfo } from 'graphql';
import { CODES, isValidResidentIdNumber, requestError, residentIdBirthDate, statisticsExtract } from '../../kit';
import type { ServicesContext } from '../context';
import type { ApplicationStatus } from '../database';
import { ageBandOf } from './ageBandAt';
import { beijingDate, beijingDayStart, workingDaysBetween } from './beijingCalendar';
import type { ApplicationStatisticsCell } from '../../../schema/contracts/statisticsExtracts';

/** Statuses of a case still under way: the time limit runs on at the extract time. */
const OPEN: ReadonlySet<ApplicationStatus> = new Set(['SUBMITTED', 'ACCEPTED', 'APPROVED']);

/** A Beijing date argument, YYYY-MM-DD and a real day; else BAD_USER_INPUT naming it. */
function dateArgument(name: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(beijingDayStart(value)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw requestError(CODES.BAD_USER_INPUT, `\`${name}\` must be a date, YYYY-MM-DD (Beijing time).`, { argument: name });
  }
  return value;
}

/**
 * `Query.applicationStatisticsExtract(from, to)`: the applications submitted from `from` to
 * `to` (Beijing dates, both included), counted by item, handling department, month of
 * submission, status, the applicant's division and age band at submission (from their ID
 * number), working days to completion, overdue and feedback rating. One statement fetches
 * the few columns each application needs (its item's time limit, its COMPLETE step, its
 * rating); the cells are grouped here, since working days and age bands read the same in
 * every database only in TypeScript. No ID number leaves: only the cells. Then one
 * disclosure-log row for the whole extract.
 *
 * Working days count to the COMPLETE step of a COMPLETED application (null otherwise);
 * overdue is a completed case over its item's `timeLimitDays`, or an open one (submitted,
 * accepted, approved) past it at the extract time; a rejected case is never overdue here.
 */
export async function applicationStatisticsExtract(
  _: unknown,
  args: { from: string; to: string },
  context: ServicesContext,
  info: GraphQLResolveInfo,
): Promise<ApplicationStatisticsCell[]> {
  const from = dateArgument('from', args.from);
  const to = dateArgument('to', args.to);
  if (from > to) throw requestError(CODES.BAD_USER_INPUT, '`from` must not be after `to`.', { argument: 'from' });
  const start = new Date(beijingDayStart(from)).toISOString();
  const end = new Date(beijingDayStart(to) + 86_400_000).toISOString();
  const rows = await context.db
    .selectFrom('applications as a')
    .innerJoin('service_items as i', 'i.code', 'a.item_code')
    .leftJoin('application_events as e', (join) => join.onRef('e.application_id', '=', 'a.id').on('e.stage', '=', 'COMPLETE'))
    .leftJoin('feedback as f', 'f.application_id', 'a.id')
    .where('a.submitted_at', '>=', start)
    .where('a.submitted_at', '<', end)
    .select(['a.item_code', 'i.handled_by', 'i.time_limit_days', 'a.submitted_at', 'a.status', 'a.applicant_id_number', 'e.at as completed_at', 'f.rating'])
    .execute();
  const now = Date.now();
  const cells = new Map<string, ApplicationStatisticsCell>();
  // Per applicant, once: their birth date when their ID number is well-formed (applicants apply more than once).
  const birthDates = new Map<string, string | null>();
  for (const row of rows) {
    const submitted = Date.parse(row.submitted_at);
    const submittedOn = beijingDate(submitted);
    const applicant = row.applicant_id_number;
    let birthDate = birthDates.get(applicant);
    if (birthDate === undefined) {
      birthDate = isValidResidentIdNumber(applicant) ? residentIdBirthDate(applicant) : null;
      birthDates.set(applicant, birthDate);
    }
    const completed = row.status === 'COMPLETED' && row.completed_at ? Date.parse(row.completed_at) : null;
    const workingDays = completed === null ? null : workingDaysBetween(submitted, completed);
    const limit = Number(row.time_limit_days);
    const overdue = workingDays !== null ? workingDays > limit : OPEN.has(row.status) && workingDaysBetween(submitted, now) > limit;
    const cell: Omit<ApplicationStatisticsCell, 'count'> = {
      item: row.item_code,
      handlingDepartment: row.handled_by,
      month: submittedOn.slice(0, 7),
      status: row.status,
      division: birthDate === null ? null : applicant.slice(0, 6),
      ageBand: birthDate === null ? null : ageBandOf(birthDate, submittedOn),
      workingDays,
      overdue,
      rating: row.rating === null || row.rating === undefined ? null : Number(row.rating),
    };
    const key = `${cell.item}\u0000${cell.handlingDepartment}\u0000${cell.month}\u0000${cell.status}\u0000${cell.division}\u0000${cell.ageBand}\u0000${cell.workingDays}\u0000${cell.overdue}\u0000${cell.rating}`;
    const found = cells.get(key);
    if (found) found.count += 1;
    else cells.set(key, { ...cell, count: 1 });
  }
  return statisticsExtract(context, 'Application', info, [...cells.values()]);
}
