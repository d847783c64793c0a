import { maskIdNumber, maskPhone, RESIDENT_ID_NUMBER_PATTERN } from '../../../policies/masks';

/**
 * A resident ID number as it could appear in any text; neighbouring letters or digits mean
 * it is part of something longer (a hash), not an ID number.
 */
const ID_NUMBER = new RegExp(`(?<![0-9A-Za-z])${RESIDENT_ID_NUMBER_PATTERN}(?![0-9A-Za-z])`, 'g');

/** A mainland mobile number: 1, then 3–9, then 9 digits, possibly `+86`-prefixed or grouped 3-4-4. */
const MOBILE_PHONE = /(?<![0-9A-Za-z+])((?:\+?86[-\s]?)?)(1[3-9]\d(?:[-\s]?\d{4}){2})(?![0-9A-Za-z])/g;

/** A JSON Web Token (three base64url parts, the first a JSON header) or a bearer credential. */
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;

export const TOKEN_REMOVED = '[token removed]';

/**
 * `text` with what must never reach a log masked or removed: resident ID numbers and
 * mobile phone numbers masked as the policies mask them (`110105********002X`,
 * `138****5678`), bearer tokens and JWTs removed.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(BEARER, `$1 ${TOKEN_REMOVED}`)
    .replace(JWT, TOKEN_REMOVED)
    .replace(ID_NUMBER, (idNumber) => maskIdNumber(idNumber))
    .replace(MOBILE_PHONE, (_match, prefix: string, phone: string) => prefix + maskPhone(phone));
}
