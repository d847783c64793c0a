/** Why a bearer token was refused: `extensions.reason` of the 401. Never says anything about the token's content. */
export type TokenRejection =
  | 'malformed'
  | 'bad-signature'
  | 'algorithm-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims'
  | 'unknown-key'
  | 'keys-unavailable';

export const REJECTION_MESSAGES: Record<TokenRejection, string> = {
  malformed: 'The Authorization header must be `Bearer <token>` with a signed JWT.',
  'bad-signature': 'The bearer token signature does not verify.',
  'algorithm-not-allowed': 'The bearer token is not signed with an accepted algorithm.',
  expired: 'The bearer token has expired.',
  'not-yet-valid': 'The bearer token is not valid yet.',
  'wrong-issuer': 'The bearer token was issued by an issuer this gateway does not trust.',
  'wrong-audience': 'The bearer token is meant for another audience.',
  'invalid-claims': 'The bearer token does not carry acceptable claims (sub, roles, dept, clearance 1–4, exp).',
  'unknown-key': 'The bearer token is signed with a key the identity provider does not publish.',
  'keys-unavailable': "The identity provider's keys could not be fetched; try again later.",
};

/** Maps what jose threw to a reason, from its error code and claim name only. */
export function rejectionOf(error: unknown): TokenRejection {
  const { code, claim, reason } = (error ?? {}) as { code?: string; claim?: string; reason?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad-signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'algorithm-not-allowed';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'unknown-key';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return 'keys-unavailable';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return 'wrong-issuer';
      if (claim === 'aud') return 'wrong-audience';
      // A missing or non-numeric nbf/exp is a bad claim; only a failed time check says "not yet".
      if (claim === 'nbf' && reason === 'check_failed') return 'not-yet-valid';
      return 'invalid-claims';
    default:
      return 'invalid-claims';
  }
}
