/** The gateway token: the contract (docs/department-token.md), the gateway's keys and JWKS, signing, verifying; the disclosure-replay token beside it. */
export {
  DISCLOSURE_REPLAY_MAX_TOKENS,
  DISCLOSURE_REPLAY_PATH,
  GATEWAY_TOKEN_ALG,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_REPLAY_CLAIM,
  GATEWAY_TOKEN_TTL_SECONDS,
  GATEWAY_TOKEN_TYP,
  type DisclosureReplayClaims,
  type GatewayClaims,
} from './gatewayTokenContract';
export { gatewayKeysOf, generateGatewayKeys, publishedJwkOf, publishedJwksOf, type GatewayJwks, type GatewayKeys, type GatewaySigningKey } from './GatewayKeys';
export { GATEWAY_PREVIOUS_PUBLIC_JWK_ENV, GATEWAY_PRIVATE_FILE, GATEWAY_PRIVATE_JWK_ENV, GATEWAY_PUBLIC_FILE, keysDir } from './gatewayKeyFiles';
export { loadOrCreateGatewayKeys, rotateGatewayKeys, type LoadGatewayKeysOptions } from './loadOrCreateGatewayKeys';
export {
  GATEWAY_JWKS_URL_ENV,
  GATEWAY_PUBLIC_JWK_ENV,
  gatewayJwksUrlOf,
  JWKS_REFETCH_INTERVAL_MS,
  loadGatewayVerificationKeys,
  localGatewayKeys,
  remoteGatewayKeys,
  type GatewayVerificationKeys,
  type LoadGatewayVerificationKeysOptions,
} from './gatewayVerificationKeys';
export { parsePublicJwks } from './parsePublicJwks';
export { signGatewayToken } from './signGatewayToken';
export { verifyGatewayToken } from './verifyGatewayToken';
export { signDisclosureReplayToken } from './signDisclosureReplayToken';
export { verifyDisclosureReplayToken } from './verifyDisclosureReplayToken';
