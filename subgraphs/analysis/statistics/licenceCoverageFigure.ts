import { divisionGrouping, inDivisions, type DivisionLevel } from './divisionAt';
import type { EnterpriseStatisticsRow, LicenseStatisticsRow } from './extracts';
import type { CountNoise } from './noiseFor';
import { tabulate, type GroupKeyPart } from './tabulate';

export interface CoverageFilter {
  enterpriseKinds?: readonly string[] | null;
  enterpriseStatuses?: readonly string[] | null;
  divisions?: readonly string[] | null;
}

export interface CoverageFigures {
  enterprises: number | null;
  licensed: number | null;
  /** licensed / enterprises, 0–1, rounded to 4 places. */
  share: number | null;
}

export interface CoverageGroup extends CoverageFigures {
  key: GroupKeyPart[];
  suppressed: boolean;
}

export interface CoverageFigure {
  groups: CoverageGroup[];
  total: CoverageFigures;
  totalSuppressed: boolean;
}

/** Enterprises and licensed enterprises are noised apart: a query's epsilon is split over both. */
export const COVERAGE_COUNT_MEASURES = 2;

/** The credit codes of enterprises holding a valid licence of `kind` on `asOfDate` (YYYY-MM-DD): status VALID and not past its end. */
export function validHolders(licences: readonly LicenseStatisticsRow[], kind: string, asOfDate: string): Set<string> {
  const holders = new Set<string>();
  for (const licence of licences) {
    if (licence.holderCreditCode === null || licence.kind !== kind || licence.status !== 'VALID') continue;
    if (licence.validUntil !== null && licence.validUntil < asOfDate) continue;
    holders.add(licence.holderCreditCode);
  }
  return holders;
}

function figures(enterprises: number, licensed: number, noise: CountNoise): CoverageFigures {
  const e = noise.count(enterprises);
  const l = Math.min(e, noise.count(licensed));
  return { enterprises: e, licensed: l, share: e === 0 ? null : Math.round((l / e) * 10_000) / 10_000 };
}

const NONE: CoverageFigures = { enterprises: null, licensed: null, share: null };

/**
 * Per division, the enterprises (market) and the share holding a valid licence of a kind
 * (licenses), joined by credit code inside analysis: suppressed on the number of enterprises.
 */
export function licenceCoverageFigure(input: {
  enterprises: readonly EnterpriseStatisticsRow[];
  holders: ReadonlySet<string>;
  level: DivisionLevel;
  filter: CoverageFilter | null | undefined;
  minGroupSize: number;
  noise: CountNoise;
}): CoverageFigure {
  const { filter, holders, noise } = input;
  const filters: ((row: EnterpriseStatisticsRow) => boolean)[] = [];
  if (filter?.enterpriseKinds) filters.push((row) => filter.enterpriseKinds!.includes(row.kind));
  if (filter?.enterpriseStatuses) filters.push((row) => filter.enterpriseStatuses!.includes(row.status));
  if (filter?.divisions) filters.push((row) => inDivisions(row.division, filter.divisions!));
  const table = tabulate({
    figure: 'licensedEnterpriseShare',
    rows: input.enterprises,
    countOf: () => 1,
    groupBy: [divisionGrouping((row: EnterpriseStatisticsRow) => row.division, input.level)],
    filters,
    minGroupSize: input.minGroupSize,
    measures: { empty: () => ({ licensed: 0 }), add: (m, row) => void (holders.has(row.creditCode) && m.licensed++) },
  });
  return {
    groups: table.groups.map((group) => ({
      key: group.key,
      suppressed: group.suppressed,
      ...(group.suppressed ? NONE : figures(group.count, group.measures.licensed, noise)),
    })),
    total: table.total.suppressed ? NONE : figures(table.total.count, table.total.measures.licensed, noise),
    totalSuppressed: table.total.suppressed,
  };
}
