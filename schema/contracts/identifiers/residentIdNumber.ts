/**
 * Resident identity numbers (GB 11643-1999): 6-digit administrative division code,
 * 8-digit birth date (YYYYMMDD), 3-digit sequence (odd for men, even for women) and
 * a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export interface ResidentIdParts {
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 0..999 */
  sequence: number;
}

export function formatResidentIdNumber({ regionCode, birthDate, sequence }: ResidentIdParts): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) {
    throw new Error(`Cannot build a resident ID number from region ${regionCode}, birth date ${birthDate}, sequence ${sequence}`);
  }
  return first17 + residentIdCheckCharacter(first17);
}

/** True when the number has 18 characters, a real birth date and a correct check character. */
export function isValidResidentIdNumber(idNumber: string): boolean {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return false;
  const birth = residentIdBirthDate(idNumber);
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth) return false;
  return residentIdCheckCharacter(idNumber.slice(0, 17)) === idNumber[17];
}

/** The birth date encoded in an ID number, as YYYY-MM-DD. */
export function residentIdBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

export function residentIdGender(idNumber: string): 'MALE' | 'FEMALE' {
  return Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
}
