import type { Kysely } from 'kysely';
import { CODES, requestError } from '../../../schema/contracts/errorCodes';
import { paginateByKey, type Connection } from '../connection';
import type { Identity } from '../defineDepartment';
import { forbidden } from '../enforcement/forbidden';
import { DISCLOSURES_TABLE, EVERY_RECORD, type DisclosureAction, type DisclosureRow } from './disclosuresTable';

interface DisclosureContext {
  db: Kysely<any>;
  identity: Identity | null;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function idAfter(cursorKey: string): number {
  if (!/^\d{1,15}$/.test(cursorKey)) throw requestError(CODES.BAD_USER_INPUT, 'The `after` cursor is not one this API returned.', { argument: 'after' });
  return Number(cursorKey);
}

/**
 * One subject's disclosures from the department's own log, newest first: the rows about them,
 * and the statistical extracts (subject `EVERY_RECORD`), which counted every resident's
 * records. Such a row is answered as the subject's own (its `subject` theirs, its key still
 * `*`): that their records were counted, not that anyone read them.
 */
export function disclosuresOf(db: Kysely<any>, subject: string, args: PageArgs): Promise<Connection<DisclosureRow>> {
  const ofSubject = db
    .selectFrom(DISCLOSURES_TABLE)
    .where('subject', 'in', [subject, EVERY_RECORD])
    .where((eb) => eb.or([eb('subject', '<>', EVERY_RECORD), eb('action', '=', 'statistics')]));
  return paginateByKey<DisclosureRow>(args, {
    fetchPage: async (afterKey, limit) => {
      const page = ofSubject.selectAll().orderBy('id', 'desc').limit(limit);
      const rows = (await (afterKey === null ? page : page.where('id', '<', idAfter(afterKey))).execute()) as DisclosureRow[];
      return rows.map((row) => (row.subject === EVERY_RECORD ? { ...row, subject } : row));
    },
    count: async () => (await ofSubject.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n as number | string | bigint,
    keyOf: (row) => String(row.id),
  });
}

/** The table's action, as DisclosureAction's value (rows written before the column are `read`). */
const ACTIONS: Record<DisclosureAction, string> = { read: 'READ', write: 'WRITE', statistics: 'STATISTICS' };

const list = (json: string): string[] => JSON.parse(json) as string[];

/** Who may ask a department's log about any resident: its own officers. */
const OFFICER_ROLE = 'officer';

function isOfficerOf(identity: Identity, department: string): boolean {
  return identity.dept === department && identity.roles.includes(OFFICER_ROLE);
}

/**
 * `Query.<department>Disclosures(subject)`: the reader's own rows when `subject` is omitted
 * or is their own `sub`; any other subject only for the department's officers. The
 * policies decide who may ask the field at all; which subject is the resolver's, since the
 * rows' totals would tell of a subject even where each row is withheld. Fails closed.
 */
export function departmentDisclosuresQuery(department: string, coordinate: string) {
  return (_: unknown, { subject, ...args }: PageArgs & { subject?: string | null }, { db, identity }: DisclosureContext) => {
    if (!identity?.sub) throw forbidden(coordinate);
    if (subject === undefined || subject === null || subject === identity.sub) return disclosuresOf(db, identity.sub, args);
    if (!isOfficerOf(identity, department)) throw forbidden(coordinate);
    return disclosuresOf(db, subject, args);
  };
}

/**
 * The registry's `Query.myDisclosures` (the signed-in reader's own: subject = their `sub`)
 * and `Query.disclosures(subject)` (who may ask is the policies' business: officers), and
 * the fields of a Disclosure row.
 */
export const disclosureResolvers = {
  Query: {
    myDisclosures: (_: unknown, args: PageArgs, { db, identity }: DisclosureContext) => {
      // The policies let only signed-in residents ask; without policies nobody is "me".
      if (!identity?.sub) throw forbidden('Query.myDisclosures');
      return disclosuresOf(db, identity.sub, args);
    },
    disclosures: (_: unknown, { subject, ...args }: PageArgs & { subject: string }, { db }: DisclosureContext) => disclosuresOf(db, subject, args),
  },
  Disclosure: {
    disclosedAt: (row: DisclosureRow) => row.disclosed_at,
    requestId: (row: DisclosureRow) => row.request_id,
    recordType: (row: DisclosureRow) => row.record_type,
    recordKey: (row: DisclosureRow) => row.record_key,
    reader: (row: DisclosureRow) => ({ sub: row.reader_sub, roles: list(row.reader_roles), dept: row.reader_dept }),
    caseId: (row: DisclosureRow) => row.case_id,
    masked: (row: DisclosureRow) => Boolean(Number(row.masked)),
    fields: (row: DisclosureRow) => list(row.fields),
    fromCache: (row: DisclosureRow) => Boolean(Number(row.from_cache)),
    cachedFrom: (row: DisclosureRow) => row.cached_from,
    action: (row: DisclosureRow) => ACTIONS[row.action] ?? 'READ',
  },
};
