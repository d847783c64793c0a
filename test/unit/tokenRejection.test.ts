import { errors } from 'jose';
import { rejectionOf } from '../../schema/contracts/TokenRejection';

const withCode = (code: string): Error => Object.assign(new Error('failed'), { code });

/** The one mapping the gateway (callers' JWTs) and every department (gateway tokens) refuse tokens with. */
describe('token rejection', () => {
  it.each([
    { name: 'an expired token', error: new errors.JWTExpired('expired', {}, 'exp', 'check_failed'), reason: 'expired' },
    { name: 'a signature that does not verify', error: new errors.JWSSignatureVerificationFailed(), reason: 'bad-signature' },
    { name: 'an algorithm not accepted', error: new errors.JOSEAlgNotAllowed('no'), reason: 'algorithm-not-allowed' },
    { name: 'a token that is not a JWS', error: new errors.JWSInvalid('no'), reason: 'malformed' },
    { name: 'another typ', error: new errors.JWTClaimValidationFailed('typ', {}, 'typ', 'check_failed'), reason: 'not-a-gateway-token' },
    { name: 'another issuer', error: new errors.JWTClaimValidationFailed('iss', {}, 'iss', 'check_failed'), reason: 'wrong-issuer' },
    { name: 'another audience', error: new errors.JWTClaimValidationFailed('aud', {}, 'aud', 'check_failed'), reason: 'wrong-audience' },
    { name: 'nbf in the future', error: new errors.JWTClaimValidationFailed('nbf', {}, 'nbf', 'check_failed'), reason: 'not-yet-valid' },
    { name: 'nbf not a number', error: new errors.JWTClaimValidationFailed('nbf', {}, 'nbf', 'invalid'), reason: 'invalid-claims' },
    { name: 'a kid the key set lacks', error: new errors.JWKSNoMatchingKey(), reason: 'unknown-key' },
    { name: 'a JWKS fetch that timed out', error: new errors.JWKSTimeout(), reason: 'keys-unavailable' },
    { name: 'a JWKS answer that is not 200', error: new errors.JOSEError('Expected 200 OK'), reason: 'keys-unavailable' },
    { name: 'a refused connection to the JWKS', error: withCode('ECONNREFUSED'), reason: 'keys-unavailable' },
    { name: 'a JWKS host that does not resolve', error: withCode('EAI_AGAIN'), reason: 'keys-unavailable' },
    { name: 'a failed fetch()', error: new TypeError('fetch failed'), reason: 'keys-unavailable' },
    { name: 'anything else', error: new Error('something'), reason: 'invalid-claims' },
  ])('$name → $reason', ({ error, reason }) => {
    expect(rejectionOf(error)).toBe(reason);
  });
});
