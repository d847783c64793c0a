import type { Kysely } from 'kysely';
import { requestError } from '../../../schema/errorCodes';
import { paginateByKey, type Connection } from '../connection';
import type { Identity } from '../defineDepartment';
import { forbidden } from '../enforcement/forbidden';
import { DISCLOSURES_TABLE, type DisclosureRow } from './disclosuresTable';

interface DisclosureContext {
  db: Kysely<any>;
  identity: Identity | null;
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function idAfter(cursorKey: string): number {
  if (!/^\d{1,15}$/.test(cursorKey)) throw requestError('BAD_USER_INPUT', 'The `after` cursor is not one this API returned.', { argument: 'after' });
  return Number(cursorKey);
}

/** One subject's disclosures from the department's own log, newest first. */
export function disclosuresOf(db: Kysely<any>, subject: string, args: PageArgs): Promise<Connection<DisclosureRow>> {
  const ofSubject = db.selectFrom(DISCLOSURES_TABLE).where('subject', '=', subject);
  return paginateByKey<DisclosureRow>(args, {
    fetchPage: (afterKey, limit) => {
      const page = ofSubject.selectAll().orderBy('id', 'desc').limit(limit);
      return (afterKey === null ? page : page.where('id', '<', idAfter(afterKey))).execute() as Promise<DisclosureRow[]>;
    },
    count: async () => (await ofSubject.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n as number | string | bigint,
    keyOf: (row) => String(row.id),
  });
}

const list = (json: string): string[] => JSON.parse(json) as string[];

/**
 * `Query.myDisclosures` (the signed-in reader's own: subject = their `sub`) and
 * `Query.disclosures(subject)` (who may ask is the policies' business: officers), and the
 * fields of a Disclosure row.
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
  },
};
