/**
 * The statistical extracts, as the departments serve them and the analysis center reads them
 * through the graph (each department's `<…>StatisticsExtract` field, readable only by the
 * analysis center under purpose statistics): one shape each, shared by both sides.
 */
/** population: persons per county, sex and birth year. */
export interface PersonStatisticsCell {
  division: string;
  sex: string;
  birthYear: number;
  count: number;
}

/** market: one row per enterprise (its code is public registry data). */
export interface EnterpriseStatisticsRow {
  creditCode: string;
  kind: string;
  status: string;
  division: string;
  establishedYear: number;
}

/** licenses: one row per licence an enterprise holds; licences held by persons grouped, without a holder. */
export interface LicenseStatisticsRow {
  holderCreditCode: string | null;
  kind: string;
  status: string;
  validUntil: string | null;
  count: number;
}

/** services: applications per item, department, month, status, county, age band, working days, overdue and rating. */
export interface ApplicationStatisticsCell {
  item: string;
  handlingDepartment: string | null;
  month: string;
  status: string;
  division: string | null;
  ageBand: string | null;
  workingDays: number | null;
  overdue: boolean;
  rating: number | null;
  count: number;
}
