import type { RequestReader } from '../../../policies';

/**
 * The token the gateway signs for each subgraph request: the reader's identity and purpose,
 * vouched for by the gateway. Subgraphs accept nothing else, so a caller who reaches a
 * department's port directly gets nothing. Ed25519: subgraphs hold only the public keys,
 * which the gateway publishes as a JWKS (`/.well-known/jwks.json`). The contract as a
 * department in any language reads it: docs/department-token.md.
 */
export const GATEWAY_TOKEN_ISSUER = 'govgraph-gateway';
export const GATEWAY_TOKEN_TTL_SECONDS = 60;
export const GATEWAY_TOKEN_ALG = 'EdDSA';
/** The header's `typ`: a user's JWT sent to a department is refused as not a gateway token. */
export const GATEWAY_TOKEN_TYP = 'govgraph-gateway+jwt';

/** What the gateway token vouches for: the reader of the request, as the gateway established it. */
export type GatewayClaims = RequestReader;

/**
 * The claim that makes a gateway token a disclosure-replay token: the id of the earlier request
 * whose disclosures a department copies for a reader the gateway answered from its cache
 * (`POST /disclosures/replay`). Such a token reads no data: a department's /graphql refuses it.
 */
export const GATEWAY_TOKEN_REPLAY_CLAIM = 'replay';

/** What a disclosure-replay token vouches for: the new reader (with the new request id) and the request whose disclosures are copied. */
export type DisclosureReplayClaims = GatewayClaims & { replayOf: string };

/** Where a department takes disclosure-replay tokens (`POST`, beside its /graphql); docs/department-token.md gives the contract. */
export const DISCLOSURE_REPLAY_PATH = '/disclosures/replay';

/**
 * The most disclosure-replay tokens one `POST /disclosures/replay` carries: one in the
 * `Authorization` header, the rest in the JSON body's `tokens`. The gateway batches the cached
 * reads of concurrent requests per department up to this many; a department refuses more.
 */
export const DISCLOSURE_REPLAY_MAX_TOKENS = 256;
