import { divisionGrouping, inDivisions, type DivisionLevel } from './divisionAt';
import type { EnterpriseStatisticsRow } from './extracts';
import type { Grouping } from './tabulate';

export type EnterpriseGroupBy = 'KIND' | 'STATUS' | 'DIVISION' | 'ESTABLISHED_YEAR';

export interface EnterpriseFilter {
  kinds?: readonly string[] | null;
  statuses?: readonly string[] | null;
  divisions?: readonly string[] | null;
  establishedFrom?: number | null;
  establishedTo?: number | null;
}

export function enterpriseGrouping(by: EnterpriseGroupBy, level: DivisionLevel): Grouping<EnterpriseStatisticsRow> {
  switch (by) {
    case 'KIND':
      return { dimension: by, valueOf: (row) => row.kind };
    case 'STATUS':
      return { dimension: by, valueOf: (row) => row.status };
    case 'DIVISION':
      return divisionGrouping((row) => row.division, level);
    case 'ESTABLISHED_YEAR':
      return { dimension: by, valueOf: (row) => String(row.establishedYear) };
  }
}

export function enterpriseFilters(filter: EnterpriseFilter | null | undefined): ((row: EnterpriseStatisticsRow) => boolean)[] {
  const filters: ((row: EnterpriseStatisticsRow) => boolean)[] = [];
  if (filter?.kinds) filters.push((row) => filter.kinds!.includes(row.kind));
  if (filter?.statuses) filters.push((row) => filter.statuses!.includes(row.status));
  if (filter?.divisions) filters.push((row) => inDivisions(row.division, filter.divisions!));
  if (filter?.establishedFrom != null || filter?.establishedTo != null) {
    filters.push((row) => row.establishedYear >= (filter.establishedFrom ?? -Infinity) && row.establishedYear <= (filter.establishedTo ?? Infinity));
  }
  return filters;
}
