import { isValidResidentIdNumber, residentIdBirthDate } from '../../kit';

/** The age bands of the statistical extract, by their lowest age. */
const BANDS: ReadonlyArray<readonly [number, string]> = [
  [60, '60+'],
  [50, '50-59'],
  [40, '40-49'],
  [30, '30-39'],
  [18, '18-29'],
  [0, '0-17'],
];

/** Whole years from a birth date to a date, both YYYY-MM-DD. */
function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The age band, on `date`, of someone born on `birthDate` (both YYYY-MM-DD). */
export function ageBandOf(birthDate: string, date: string): string {
  const age = ageOn(birthDate, date);
  return BANDS.find(([lowest]) => age >= lowest)?.[1] ?? '0-17';
}

/** The age band, on `date` (YYYY-MM-DD), of the resident with this ID number (GB 11643 birth date); null for a malformed number. */
export function ageBandAt(idNumber: string, date: string): string | null {
  return isValidResidentIdNumber(idNumber) ? ageBandOf(residentIdBirthDate(idNumber), date) : null;
}
