/**
 * Why a bearer token was refused: `extensions.reason` of the 401, at the gateway (a caller's
 * JWT) and at a department (the gateway token) alike. Never says anything about the token's content.
 */
export type TokenRejection =
  /** A department: no Authorization header (the gateway always sends one). */
  | 'missing'
  | 'malformed'
  /** A department: a JWT that is not the gateway's (another `typ`, such as a user's token sent straight to it). */
  | 'not-a-gateway-token'
  | 'bad-signature'
  | 'algorithm-not-allowed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-issuer'
  | 'wrong-audience'
  | 'invalid-claims'
  | 'unknown-key'
  | 'keys-unavailable'
  /** A department's /graphql: a disclosure-replay token, which copies disclosures and reads no data. */
  | 'replay-token'
  /** A department's /disclosures/replay: an ordinary gateway token, which reads data and copies no disclosure. */
  | 'not-a-replay-token';

export const TOKEN_REJECTION_MESSAGES: Record<TokenRejection, string> = {
  missing: 'This department answers only the gateway: send Authorization: Bearer <gateway token>.',
  malformed: 'The Authorization header must be `Bearer <token>` with a signed JWT.',
  'not-a-gateway-token': 'The bearer token is not a gateway token.',
  'bad-signature': 'The bearer token signature does not verify.',
  'algorithm-not-allowed': 'The bearer token is not signed with an accepted algorithm.',
  expired: 'The bearer token has expired.',
  'not-yet-valid': 'The bearer token is not valid yet.',
  'wrong-issuer': 'The bearer token was issued by an issuer not trusted here.',
  'wrong-audience': 'The bearer token is meant for another audience.',
  'invalid-claims': 'The bearer token does not carry acceptable claims (a user token: sub, roles, dept, clearance 1–4, exp).',
  'unknown-key': 'The bearer token is signed with a key its issuer does not publish.',
  'keys-unavailable': "The issuer's public keys could not be fetched; try again later.",
  'replay-token': 'The bearer token is a disclosure-replay token: it copies disclosures at /disclosures/replay and reads no data.',
  'not-a-replay-token': 'The bearer token is not a disclosure-replay token: /disclosures/replay copies disclosures only for a cached answer the gateway names.',
};

/** Node's errors for a connection that failed (the JWKS could not be fetched), by code: ECONNREFUSED, EAI_AGAIN, UND_ERR_SOCKET… */
const NETWORK_ERROR = /^(E(?!RR_)[A-Z_]+|UND_ERR_[A-Z_]+)$/;

/**
 * Maps what jose (or `verifyGatewayToken`, which throws jose's errors) threw to a reason, from
 * its error code and claim name only. A JWKS that could not be fetched is `keys-unavailable`:
 * the keys are missing, not the token bad, but the token is refused all the same.
 */
export function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof TypeError) return 'keys-unavailable';
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
    // ERR_JOSE_GENERIC: jose's answer to a JWKS response that is not 200 or not JSON.
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
    case 'ERR_JOSE_GENERIC':
      return 'keys-unavailable';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return 'wrong-issuer';
      if (claim === 'aud') return 'wrong-audience';
      if (claim === 'typ') return 'not-a-gateway-token';
      // A replay claim where none belongs, or none where one must be (another shape is a bad claim).
      if (claim === 'replay' && reason === 'check_failed') return 'replay-token';
      if (claim === 'replay' && reason === 'missing') return 'not-a-replay-token';
      // A missing or non-numeric nbf/exp is a bad claim; only a failed time check says "not yet".
      if (claim === 'nbf' && reason === 'check_failed') return 'not-yet-valid';
      return 'invalid-claims';
    default:
      return typeof code === 'string' && NETWORK_ERROR.test(code) ? 'keys-unavailable' : 'invalid-claims';
  }
}
