import { ageBandIn } from './ageBand';
import { divisionGrouping, inDivisions, type DivisionLevel } from './divisionAt';
import type { PersonStatisticsCell } from './extracts';
import type { Grouping } from './tabulate';

export type PopulationGroupBy = 'AGE_BAND' | 'SEX' | 'DIVISION';

export interface PopulationFilter {
  ageBands?: readonly string[] | null;
  sexes?: readonly string[] | null;
  divisions?: readonly string[] | null;
}

const SEX_LABELS: Record<string, string> = { '1': 'male', '2': 'female' };

/** How persons are grouped on each dimension; ages are reached in `year` (the snapshot's). */
export function populationGrouping(by: PopulationGroupBy, level: DivisionLevel, year: number): Grouping<PersonStatisticsCell> {
  switch (by) {
    case 'AGE_BAND':
      return { dimension: by, valueOf: (cell) => ageBandIn(cell.birthYear, year) };
    case 'SEX':
      return { dimension: by, valueOf: (cell) => cell.sex, labelOf: (sex) => SEX_LABELS[sex] ?? null };
    case 'DIVISION':
      return divisionGrouping((cell) => cell.division, level);
  }
}

/** One predicate per part of the filter that is given. */
export function populationFilters(filter: PopulationFilter | null | undefined, year: number): ((cell: PersonStatisticsCell) => boolean)[] {
  const filters: ((cell: PersonStatisticsCell) => boolean)[] = [];
  if (filter?.ageBands) filters.push((cell) => filter.ageBands!.includes(ageBandIn(cell.birthYear, year)));
  if (filter?.sexes) filters.push((cell) => filter.sexes!.includes(cell.sex));
  if (filter?.divisions) filters.push((cell) => inDivisions(cell.division, filter.divisions!));
  return filters;
}
