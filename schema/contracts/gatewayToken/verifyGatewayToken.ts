import { errors } from 'jose';
import { GATEWAY_TOKEN_REPLAY_CLAIM, type GatewayClaims } from './gatewayTokenContract';
import type { GatewayVerificationKeys } from './gatewayVerificationKeys';
import { gatewayClaimsOfPayload, verifiedGatewayPayload } from './verifiedGatewayPayload';

/**
 * Verifies a gateway token for this subgraph (`verifiedGatewayPayload` says what is checked)
 * and returns the reader it vouches for; throws jose's errors, mapped to a reason by
 * `rejectionOf`, when it is not one. A disclosure-replay token is refused (`replay-token`):
 * it lets a department copy disclosures it logged, never read data. On every subgraph fetch:
 * the one extra check is a property look-up on the payload already parsed.
 */
export async function verifyGatewayToken(keys: GatewayVerificationKeys, audience: string, token: string): Promise<GatewayClaims> {
  const payload = await verifiedGatewayPayload(keys, audience, token);
  if (payload[GATEWAY_TOKEN_REPLAY_CLAIM] !== undefined)
    throw new errors.JWTClaimValidationFailed('a disclosure-replay token reads no data', payload, GATEWAY_TOKEN_REPLAY_CLAIM, 'check_failed');
  return gatewayClaimsOfPayload(payload);
}
