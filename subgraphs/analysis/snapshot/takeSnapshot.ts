import type { GraphClient } from '../../kit';
import type { ApplicationStatisticsCell, EnterpriseStatisticsRow, LicenseStatisticsRow, PersonStatisticsCell } from '../statistics/extracts';

/** One department's extract in a snapshot: its rows, or why it could not be had. */
export type ExtractPart<Row> = { rows: readonly Row[]; problem: null } | { rows: null; problem: string };

export interface Snapshot {
  /** When it was taken (ISO 8601). */
  asOf: string;
  population: ExtractPart<PersonStatisticsCell>;
  market: ExtractPart<EnterpriseStatisticsRow>;
  licenses: ExtractPart<LicenseStatisticsRow>;
  services: ExtractPart<ApplicationStatisticsCell>;
}

/** The departments a snapshot draws on, with the query of each one's statistical extract (analysis contract). */
export const EXTRACT_QUERIES = {
  population: 'query AnalysisPopulationExtract { populationStatisticsExtract { division sex birthYear count } }',
  market: 'query AnalysisMarketExtract { enterpriseStatisticsExtract { creditCode kind status division establishedYear } }',
  licenses: 'query AnalysisLicensesExtract { licenseStatisticsExtract { holderCreditCode kind status validUntil count } }',
  // Every application: the period a figure asks for is a dimension of its suppression, so the snapshot holds them all.
  services:
    'query AnalysisServicesExtract { applicationStatisticsExtract(from: "0000-01-01", to: "9999-12-31") { item handlingDepartment month status division ageBand workingDays overdue rating count } }',
} as const;

export type ExtractDepartment = keyof typeof EXTRACT_QUERIES;

const FIELDS: Record<ExtractDepartment, string> = {
  population: 'populationStatisticsExtract',
  market: 'enterpriseStatisticsExtract',
  licenses: 'licenseStatisticsExtract',
  services: 'applicationStatisticsExtract',
};

async function pull<Row>(graph: GraphClient, department: ExtractDepartment): Promise<ExtractPart<Row>> {
  try {
    const data = await graph.query<Record<string, Row[] | null>>(EXTRACT_QUERIES[department], {}, { purpose: 'statistics' });
    const rows = data[FIELDS[department]];
    if (!Array.isArray(rows)) return { rows: null, problem: `${department} did not give its statistical extract (denied or failed)` };
    return { rows, problem: null };
  } catch (error) {
    return { rows: null, problem: `${department} could not be reached for its statistical extract: ${(error as Error).message}` };
  }
}

/**
 * Pulls the four statistical extracts through the graph, each in its own request under the
 * purpose `statistics` (the departments record one STATISTICS disclosure per call): a
 * department that cannot answer fails only the figures that need it.
 */
export async function takeSnapshot(graph: GraphClient, now: Date): Promise<Snapshot> {
  const [population, market, licenses, services] = await Promise.all([
    pull<PersonStatisticsCell>(graph, 'population'),
    pull<EnterpriseStatisticsRow>(graph, 'market'),
    pull<LicenseStatisticsRow>(graph, 'licenses'),
    pull<ApplicationStatisticsCell>(graph, 'services'),
  ]);
  return { asOf: now.toISOString(), population, market, licenses, services };
}
