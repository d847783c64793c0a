import { createHash } from 'node:crypto';
import type { LicenseKind } from './database';

const KIND_CODES: Record<LicenseKind, string> = {
  BUSINESS_LICENSE: 'BL',
  FOOD_OPERATION_PERMIT: 'FP',
  DRIVING_LICENSE: 'DL',
  MARRIAGE_CERTIFICATE: 'MC',
};

/** Crockford's base32: no I, L, O or U to misread. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The number of a license issued when an application completed: `E` + the kind's code + the
 * year issued + ten characters derived from the write-back event's id, e.g.
 * `EBL-2026-3K9QX7M2PD`. The same event always gives the same number; the form (a letter, a
 * dash) is one the seeded numbers never take, so the two never collide.
 */
export function issuedLicenseNumber(kind: LicenseKind, issuedOn: string, eventId: string): string {
  const digest = createHash('sha256').update(eventId, 'utf8').digest();
  let code = '';
  // 50 bits: ten 5-bit characters from the first seven bytes.
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n;
  for (let i = 0; i < 10; i++) {
    code = BASE32[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `E${KIND_CODES[kind]}-${issuedOn.slice(0, 4)}-${code}`;
}
