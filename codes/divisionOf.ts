import { codeTable, type CodedName } from './codeTable';

/** A GB/T 2260 division with the divisions above it. */
export interface Division extends CodedName {
  /** The province (自治区, 直辖市, 特别行政区) it lies in; the division itself for a province code. */
  province: CodedName;
  /**
   * The prefecture-level city it lies in; the division itself for a city code. Absent for a
   * province, and for a county directly under its province: the districts of the four
   * municipalities (110101 东城区), and counties a province administers itself (429004 仙桃市).
   */
  city?: CodedName;
}

const DIVISION_CODE = /^\d{6}$/;

/**
 * The division of a six-digit GB/T 2260 code, rolled up through its structure: the first two
 * digits are the province (PP0000), the next two the city (PPCC00), the last two the county.
 * Null for anything else: a code of another shape, or one the table does not hold (no
 * such division, or one abolished before the table's date).
 */
export function divisionOf(code: string): Division | null {
  if (typeof code !== 'string' || !DIVISION_CODE.test(code)) return null;
  const { codes } = codeTable('division');
  const named = (at: string): CodedName | undefined => {
    const name = codes.get(at);
    return name === undefined ? undefined : { code: at, name };
  };
  const self = named(code);
  const province = named(`${code.slice(0, 2)}0000`);
  if (!self || !province) return null;
  const city = code.endsWith('0000') ? undefined : named(`${code.slice(0, 4)}00`);
  return { ...self, province, ...(city && { city }) };
}
