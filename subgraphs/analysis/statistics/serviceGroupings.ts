import { divisionGrouping, inDivisions, type DivisionLevel } from './divisionAt';
import type { ApplicationStatisticsCell } from './extracts';
import { UNKNOWN, type Grouping } from './tabulate';

export type ServiceGroupBy = 'ITEM' | 'HANDLING_DEPARTMENT' | 'MONTH' | 'STATUS' | 'DIVISION' | 'AGE_BAND';

export interface ServiceFilter {
  items?: readonly string[] | null;
  handlingDepartments?: readonly string[] | null;
  statuses?: readonly string[] | null;
  divisions?: readonly string[] | null;
  ageBands?: readonly string[] | null;
}

export function serviceGrouping(by: ServiceGroupBy, level: DivisionLevel): Grouping<ApplicationStatisticsCell> {
  switch (by) {
    case 'ITEM':
      return { dimension: by, valueOf: (cell) => cell.item };
    case 'HANDLING_DEPARTMENT':
      return { dimension: by, valueOf: (cell) => cell.handlingDepartment ?? UNKNOWN };
    case 'MONTH':
      return { dimension: by, valueOf: (cell) => cell.month };
    case 'STATUS':
      return { dimension: by, valueOf: (cell) => cell.status };
    case 'DIVISION':
      return divisionGrouping((cell) => cell.division, level);
    case 'AGE_BAND':
      return { dimension: by, valueOf: (cell) => cell.ageBand ?? UNKNOWN };
  }
}

/** The period (months `from` to `to`, both included) first, then one predicate per part of the filter given. */
export function serviceFilters(from: string, to: string, filter: ServiceFilter | null | undefined): ((cell: ApplicationStatisticsCell) => boolean)[] {
  const filters: ((cell: ApplicationStatisticsCell) => boolean)[] = [(cell) => cell.month >= from && cell.month <= to];
  if (filter?.items) filters.push((cell) => filter.items!.includes(cell.item));
  if (filter?.handlingDepartments) filters.push((cell) => cell.handlingDepartment !== null && filter.handlingDepartments!.includes(cell.handlingDepartment));
  if (filter?.statuses) filters.push((cell) => filter.statuses!.includes(cell.status));
  if (filter?.divisions) filters.push((cell) => inDivisions(cell.division, filter.divisions!));
  if (filter?.ageBands) filters.push((cell) => cell.ageBand !== null && filter.ageBands!.includes(cell.ageBand));
  return filters;
}
