import { GATEWAY_TOKEN_REPLAY_CLAIM, GATEWAY_TOKEN_TTL_SECONDS, type GatewayClaims } from './gatewayTokenContract';
import type { GatewaySigningKey } from './GatewayKeys';
import { gatewayPayloadOf, signGatewayPayload } from './signGatewayToken';

/**
 * Signs a disclosure-replay token for `department`: a gateway token for the reader of a request
 * the gateway answered from its cache (`claims`, their `requestId` the new request's id) that
 * also names the earlier request whose answer was reused (`replayOf`). The department copies
 * the disclosures it logged for that request for this reader (`POST /disclosures/replay`);
 * the token reads no data anywhere else.
 */
export async function signDisclosureReplayToken(
  key: GatewaySigningKey,
  department: string,
  claims: GatewayClaims,
  replayOf: string,
  ttlSeconds = GATEWAY_TOKEN_TTL_SECONDS,
): Promise<string> {
  // Refused here rather than by every department: a replay of itself would copy its own copies.
  if (!replayOf || !claims.requestId || replayOf === claims.requestId)
    throw new Error('signDisclosureReplayToken: give the new request id in claims.requestId and a different, earlier request id as replayOf');
  return signGatewayPayload(key, { ...gatewayPayloadOf(department, claims, ttlSeconds), [GATEWAY_TOKEN_REPLAY_CLAIM]: replayOf });
}
