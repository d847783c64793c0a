/** The statistical extracts analysis pulls through the graph, as the departments serve them. */
export type { ApplicationStatisticsCell, EnterpriseStatisticsRow, LicenseStatisticsRow, PersonStatisticsCell } from '../../../schema/contracts/statisticsExtracts';
