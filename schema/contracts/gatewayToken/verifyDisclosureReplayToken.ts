import { errors } from 'jose';
import { GATEWAY_TOKEN_REPLAY_CLAIM, type DisclosureReplayClaims } from './gatewayTokenContract';
import type { GatewayVerificationKeys } from './gatewayVerificationKeys';
import { gatewayClaimsOfPayload, verifiedGatewayPayload } from './verifiedGatewayPayload';

/**
 * Verifies a disclosure-replay token for this department: a gateway token (checked as every
 * other) that names the earlier request whose disclosures are copied (`replay`) and the new
 * request (`rid`), which must differ. An ordinary gateway token is refused
 * (`not-a-replay-token`), so a token meant for reading cannot write the log; a replay claim that
 * is not a request id, or a replay of itself, is `invalid-claims`.
 */
export async function verifyDisclosureReplayToken(keys: GatewayVerificationKeys, department: string, token: string): Promise<DisclosureReplayClaims> {
  const payload = await verifiedGatewayPayload(keys, department, token);
  const replayOf = payload[GATEWAY_TOKEN_REPLAY_CLAIM];
  if (replayOf === undefined) throw new errors.JWTClaimValidationFailed('not a disclosure-replay token', payload, GATEWAY_TOKEN_REPLAY_CLAIM, 'missing');
  if (typeof replayOf !== 'string' || replayOf === '')
    throw new errors.JWTClaimValidationFailed('"replay" claim must name a request', payload, GATEWAY_TOKEN_REPLAY_CLAIM, 'invalid');
  const claims = gatewayClaimsOfPayload(payload);
  if (claims.requestId === '' || claims.requestId === replayOf)
    throw new errors.JWTClaimValidationFailed('"rid" claim must name the new request, not the replayed one', payload, 'rid', 'invalid');
  return { ...claims, replayOf };
}
