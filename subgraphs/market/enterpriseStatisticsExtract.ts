import type { GraphQLResolveInfo } from 'graphql';
import { statisticsExtract, type DepartmentContext } from '../kit';
import type { MarketDatabase } from './database';
import type { EnterpriseStatisticsRow } from '../../schema/contracts/statisticsExtracts';

/**
 * `Query.enterpriseStatisticsExtract`: one row per enterprise, in one statement over the
 * columns it needs; the division is the credit code's positions 3–8 (GB 32100), the year the
 * first four characters of `established_on`. Then one disclosure-log row for the whole extract.
 */
export async function enterpriseStatisticsExtract(
  _: unknown,
  __: unknown,
  context: DepartmentContext<MarketDatabase, unknown>,
  info: GraphQLResolveInfo,
): Promise<EnterpriseStatisticsRow[]> {
  const rows = await context.db.selectFrom('enterprises').select(['credit_code', 'kind', 'status', 'established_on']).orderBy('credit_code').execute();
  const extract = rows.map((row) => ({
    creditCode: row.credit_code,
    kind: row.kind,
    status: row.status,
    division: row.credit_code.slice(2, 8),
    establishedYear: Number(row.established_on.slice(0, 4)),
  }));
  return statisticsExtract(context, 'Enterprise', info, extract);
}
