import type { redactOptions } from 'pino';
import { maskIdNumber, maskPhone } from '../../../policies/masks';

/** Keys whose values are, or list, resident ID numbers (a citizen's `sub` is their ID number). */
const ID_NUMBER_KEYS = ['idNumber', 'idNumbers', 'subject', 'holderIdNumber', 'applicantIdNumber', 'holderId', 'recordKey', 'keys', 'sub'];
const PHONE_KEYS = ['phone', 'phones', 'mobile', 'phoneNumber'];
/** Keys whose values are credentials: removed whole. */
const TOKEN_KEYS = ['authorization', 'token', 'accessToken', 'refreshToken', 'serviceToken', 'gatewayToken', 'idToken', 'jwt', 'bearer', 'password', 'secret', 'cookie'];

const TOKEN_KEY_SET = new Set(TOKEN_KEYS.map((k) => k.toLowerCase()));

/** True for a key that names a credential, whatever its case (`Authorization`, `x-token`…). */
export function isTokenKey(key: string): boolean {
  const lower = key.toLowerCase();
  return TOKEN_KEY_SET.has(lower) || lower.endsWith('-token') || lower.endsWith('_token') || lower === 'set-cookie';
}

/** How deep below the logged object redact looks for these keys (pino's paths take no `**`). */
const DEPTH = 4;

function pathsFor(keys: readonly string[]): string[] {
  return keys.flatMap((key) => Array.from({ length: DEPTH + 1 }, (_, depth) => [...Array<string>(depth).fill('*'), key].join('.')));
}

function masked(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (typeof value === 'number') return mask(String(value));
  if (Array.isArray(value)) return value.map((item) => masked(item, mask));
  // Anything else under such a key (an object, a boolean) is not logged at all.
  return value === null || value === undefined ? value : '[redacted]';
}

const ID_NUMBER_KEY_SET = new Set(ID_NUMBER_KEYS);
const PHONE_KEY_SET = new Set(PHONE_KEYS);

/**
 * pino's `redact` for govgraph's loggers: known keys at any depth down to 4 levels are
 * masked with the policies' own masks (`idNumber`, `subject`, `keys`… with the ID-number
 * mask, `phone`… with the phone mask), credentials removed. Values under these keys are
 * masked whatever their format (a landline, an old 15-digit ID number); `scrubLogValue`
 * then catches ID numbers and phones by their shape anywhere else.
 */
export const LOG_REDACTION: redactOptions = {
  paths: [...pathsFor(ID_NUMBER_KEYS), ...pathsFor(PHONE_KEYS), ...pathsFor(TOKEN_KEYS), ...pathsFor(['Authorization', '["set-cookie"]'])],
  censor: (value: unknown, path: string[]) => {
    const key = path[path.length - 1];
    if (ID_NUMBER_KEY_SET.has(key)) return masked(value, maskIdNumber);
    if (PHONE_KEY_SET.has(key)) return masked(value, maskPhone);
    // A credential: removed (an undefined value leaves the line).
    return undefined;
  },
};
