import { divisionOf } from '../../../codes';
import { UNKNOWN, type Grouping } from './tabulate';

/** The levels a division rolls up to (GB/T 2260). */
export type DivisionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

/**
 * The code of a county's division at a level: its province, its city (a county directly
 * under its province, as the districts of a municipality, counts as its province's), or
 * itself. A code the table does not hold stays as it is at county level and is rolled up by
 * its digits above it.
 */
export function divisionAt(code: string | null, level: DivisionLevel): string {
  if (!code) return UNKNOWN;
  if (level === 'COUNTY') return code;
  const key = `${level}:${code}`;
  let found = rolledUp.get(key);
  if (found === undefined) rolledUp.set(key, (found = rollUp(code, level)));
  return found;
}

/** Codes rolled up so far: a figure rolls up every row, over a few thousand counties. */
const rolledUp = new Map<string, string>();

function rollUp(code: string, level: Exclude<DivisionLevel, 'COUNTY'>): string {
  const division = divisionOf(code);
  if (level === 'PROVINCE') return division?.province.code ?? `${code.slice(0, 2)}0000`;
  return division ? (division.city ?? division.province).code : `${code.slice(0, 4)}00`;
}

/** The coarser divisions a code at `level` rolls up into: the lines nested in a division dimension. */
export function divisionParents(level: DivisionLevel): (code: string) => string[] {
  if (level === 'PROVINCE') return () => [];
  if (level === 'CITY') return (code) => (code === UNKNOWN ? [] : [divisionAt(code, 'PROVINCE')]);
  return (code) => (code === UNKNOWN ? [] : [...new Set([divisionAt(code, 'CITY'), divisionAt(code, 'PROVINCE')])]);
}

/** The division's name, or null for a code the table does not hold. */
export const divisionLabel = (code: string): string | null => divisionOf(code)?.name ?? null;

/** Whether a county lies in one of the divisions named (codes at any level). */
export function inDivisions(county: string | null, divisions: readonly string[]): boolean {
  if (!county) return false;
  return divisions.some((code) => divisionAt(county, 'PROVINCE') === code || divisionAt(county, 'CITY') === code || county === code);
}

const LEVELS: readonly DivisionLevel[] = ['COUNTY', 'CITY', 'PROVINCE'];

/**
 * Grouping by division at `level`, from a row's county code: named, with nested lines, and
 * suppressed at the three levels at once (a county-level and a city-level answer hide alike).
 */
export function divisionGrouping<Row>(countyOf: (row: Row) => string | null, level: DivisionLevel): Grouping<Row> {
  return {
    dimension: 'DIVISION',
    valueOf: (row) => divisionAt(countyOf(row), level),
    labelOf: divisionLabel,
    parents: divisionParents(level),
    rollUp: {
      coarsen: LEVELS.map((at) => (code: string) => divisionAt(code, at)),
      parentsAt: LEVELS.map(divisionParents),
      answerAt: LEVELS.indexOf(level),
    },
  };
}
