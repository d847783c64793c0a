import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import { statisticsExtract, type DepartmentContext } from '../kit';
import type { LicensesDatabase } from './database';
import type { LicenseStatisticsRow } from '../../schema/contracts/statisticsExtracts';

/**
 * `Query.licenseStatisticsExtract`, in one statement: enterprises' licences one row each (the
 * holder's credit code is public registry data), UNION ALL persons' licences counted by kind
 * and status in the database (no person key, no expiry date leaves). Enterprise rows first, by
 * credit code; then one disclosure-log row for the whole extract.
 */
export async function licenseStatisticsExtract(
  _: unknown,
  __: unknown,
  context: DepartmentContext<LicensesDatabase, unknown>,
  info: GraphQLResolveInfo,
): Promise<LicenseStatisticsRow[]> {
  const { db } = context;
  const ofEnterprises = db
    .selectFrom('licenses')
    .where('holder_kind', '=', 'ENTERPRISE')
    .select([sql<string | null>`holder_id`.as('holder'), 'kind', 'status', sql<string | null>`valid_until`.as('valid_until'), sql<number | string>`1`.as('n')]);
  const ofPersons = db
    .selectFrom('licenses')
    .where('holder_kind', '=', 'PERSON')
    .groupBy(['kind', 'status'])
    .select([sql<string | null>`null`.as('holder'), 'kind', 'status', sql<string | null>`null`.as('valid_until'), sql<number | string>`count(*)`.as('n')]);
  const rows = await ofEnterprises.unionAll(ofPersons).execute();
  const extract = rows
    .map((row) => ({ holderCreditCode: row.holder, kind: row.kind, status: row.status, validUntil: row.valid_until, count: Number(row.n) }))
    .sort((a, b) => compare(order(a), order(b)));
  return statisticsExtract(context, 'License', info, extract);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Enterprise rows by holder, kind and expiry, then person groups by kind and status. */
function order(row: LicenseStatisticsRow): string {
  return row.holderCreditCode === null ? `1 ${row.kind} ${row.status}` : `0 ${row.holderCreditCode} ${row.kind} ${row.validUntil ?? ''} ${row.status}`;
}
