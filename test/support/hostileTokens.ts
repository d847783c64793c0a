import { createHmac, randomBytes } from 'node:crypto';
import type { TokenRejection } from '../../schema/contracts/TokenRejection';

export interface ForgedToken {
  name: string;
  /** The token, made with the gateway's own HS256 secret unless the case is about another key. */
  forge: (secret: Uint8Array) => Promise<string>;
  reason: TokenRejection;
}

const base64url = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const CLAIMS = { sub: 'caseworker-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };

/** A compact JWS over any header and payload, signed with HMAC as `alg` says (HS256 unless HS384/HS512). */
function sign(header: Record<string, unknown>, payload: unknown, secret: Uint8Array): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  const hash = header.alg === 'HS512' ? 'sha512' : header.alg === 'HS384' ? 'sha384' : 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

const hs256 = (payload: unknown) => async (secret: Uint8Array) => sign({ alg: 'HS256', typ: 'JWT' }, payload, secret);
const valid = () => ({ ...CLAIMS, iat: now(), exp: now() + 3600 });

/** Tokens a hostile client makes: other keys and algorithms, tampered parts, claims out of shape or out of time. */
export function forgedTokenCases(): ForgedToken[] {
  return [
    { name: 'a token signed with another secret', forge: async () => sign({ alg: 'HS256' }, valid(), randomBytes(32)), reason: 'bad-signature' },
    {
      name: 'a valid token whose payload was changed to clearance 4',
      forge: async (secret) => {
        const [header, , signature] = sign({ alg: 'HS256' }, valid(), secret).split('.');
        return `${header}.${base64url({ ...valid(), clearance: 4 })}.${signature}`;
      },
      reason: 'bad-signature',
    },
    {
      name: 'a valid token with its signature cut off',
      forge: async (secret) => `${sign({ alg: 'HS256' }, valid(), secret).split('.').slice(0, 2).join('.')}.`,
      reason: 'bad-signature',
    },
    { name: 'an unsigned token (alg none)', forge: async () => `${base64url({ alg: 'none' })}.${base64url(valid())}.`, reason: 'algorithm-not-allowed' },
    { name: 'a token signed with HS512 and the right secret', forge: async (secret) => sign({ alg: 'HS512' }, valid(), secret), reason: 'algorithm-not-allowed' },
    {
      name: 'a token claiming RS256 but signed with the secret (key confusion)',
      forge: async (secret) => sign({ alg: 'RS256' }, valid(), secret),
      reason: 'algorithm-not-allowed',
    },
    { name: 'a token that expired an hour ago', forge: hs256({ ...CLAIMS, iat: now() - 7200, exp: now() - 3600 }), reason: 'expired' },
    { name: 'a token not valid for another hour (nbf)', forge: hs256({ ...valid(), nbf: now() + 3600 }), reason: 'not-yet-valid' },
    { name: 'a token without exp', forge: hs256(CLAIMS), reason: 'invalid-claims' },
    { name: 'a token whose exp is a string', forge: hs256({ ...CLAIMS, exp: 'tomorrow' }), reason: 'invalid-claims' },
    { name: 'a token with clearance 9', forge: hs256({ ...valid(), clearance: 9 }), reason: 'invalid-claims' },
    { name: 'a token with clearance 0', forge: hs256({ ...valid(), clearance: 0 }), reason: 'invalid-claims' },
    { name: 'a token whose roles are a string', forge: hs256({ ...valid(), roles: 'officer' }), reason: 'invalid-claims' },
    { name: 'a token with an empty sub', forge: hs256({ ...valid(), sub: '' }), reason: 'invalid-claims' },
    { name: 'a token without dept', forge: hs256({ ...valid(), dept: undefined }), reason: 'invalid-claims' },
    { name: 'a token whose payload is not JSON', forge: async (secret) => sign({ alg: 'HS256' }, 'not json', secret), reason: 'malformed' },
    {
      name: 'a token whose header is not JSON',
      forge: async (secret) => {
        const input = `${base64url('{alg:HS256')}.${base64url(valid())}`;
        return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      },
      reason: 'malformed',
    },
    {
      name: 'a token with a critical header the gateway does not know',
      forge: async (secret) => sign({ alg: 'HS256', crit: ['exp-v2'], 'exp-v2': 1 }, valid(), secret),
      reason: 'algorithm-not-allowed',
    },
  ];
}
