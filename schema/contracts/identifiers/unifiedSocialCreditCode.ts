/**
 * Unified social credit codes (GB 32100-2015): registration authority (1 char),
 * organisation kind (1), administrative division (6), organisation code (9) and a
 * check character. Letters I, O, Z, S and V are never used.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`Character '${first17[i]}' is not allowed in a unified social credit code`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  if (code.length !== 18) return false;
  for (const ch of code) if (!ALPHABET.includes(ch)) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

export const CREDIT_CODE_ALPHABET = ALPHABET;
