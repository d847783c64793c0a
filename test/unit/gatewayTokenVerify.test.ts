import { sign } from 'node:crypto';
import { decodeProtectedHeader } from 'jose';
import {
  gatewayKeysOf,
  generateGatewayKeys,
  localGatewayKeys,
  signDisclosureReplayToken,
  signGatewayToken,
  verifyDisclosureReplayToken,
  verifyGatewayToken,
  type GatewayClaims,
  type GatewayKeys,
  type GatewayVerificationKeys,
} from '../../schema/contracts/gatewayToken';
import { rejectionOf } from '../../schema/contracts/TokenRejection';

const CLAIMS: GatewayClaims = { identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'services', clearance: 2 }, purpose: 'audit', requestId: 'r-1', caseId: null };
let keys: GatewayKeys;
/** What a department verifies with: the JWKS the gateway publishes. */
let published: GatewayVerificationKeys;

beforeAll(async () => {
  keys = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
  published = await localGatewayKeys(keys.jwks);
});

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed with the gateway's real key but with a header and payload of the test's choosing. */
function forge(header: object, payload: object, privateKey = keys.privateKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

async function reasonFor(token: string, audience = 'population', set = published, verify = verifyGatewayToken): Promise<string> {
  try {
    await verify(set, audience, token);
    return 'accepted';
  } catch (error) {
    return rejectionOf(error);
  }
}

const now = (): number => Math.floor(Date.now() / 1000);
const header = () => ({ alg: 'EdDSA', typ: 'govgraph-gateway+jwt', kid: keys.kid });
const PAYLOAD = { iss: 'govgraph-gateway', aud: 'population', exp: now() + 60, sub: 'staff-1', roles: [], anon: false };

describe('gateway token verification', () => {
  it('a token the gateway signed for this department → its claims', async () => {
    const token = await signGatewayToken(keys, 'population', CLAIMS);
    expect(await verifyGatewayToken(published, 'population', token)).toEqual(CLAIMS);
  });

  it('a token the gateway signed → its header names the key by its kid', async () => {
    expect(decodeProtectedHeader(await signGatewayToken(keys, 'population', CLAIMS))).toEqual({ alg: 'EdDSA', typ: 'govgraph-gateway+jwt', kid: keys.kid });
  });

  it('a payload changed after signing → bad-signature', async () => {
    const [encodedHeader, , signature] = (await signGatewayToken(keys, 'population', CLAIMS)).split('.');
    expect(await reasonFor(`${encodedHeader}.${b64({ ...PAYLOAD, roles: ['officer'] })}.${signature}`)).toBe('bad-signature');
  });

  it('alg none → algorithm-not-allowed', async () => {
    expect(await reasonFor(`${b64({ ...header(), alg: 'none' })}.${b64(PAYLOAD)}.`)).toBe('algorithm-not-allowed');
  });

  it('another typ → not-a-gateway-token', async () => {
    expect(await reasonFor(forge({ ...header(), typ: 'JWT' }, PAYLOAD))).toBe('not-a-gateway-token');
  });

  it('another issuer → wrong-issuer', async () => {
    expect(await reasonFor(forge(header(), { ...PAYLOAD, iss: 'someone-else' }))).toBe('wrong-issuer');
  });

  it('no exp → invalid-claims', async () => {
    const { exp: _exp, ...withoutExp } = PAYLOAD;
    expect(await reasonFor(forge(header(), withoutExp))).toBe('invalid-claims');
  });

  it('exp in the past → expired', async () => {
    expect(await reasonFor(forge(header(), { ...PAYLOAD, exp: now() - 1 }))).toBe('expired');
  });

  it('a token for another department → wrong-audience', async () => {
    expect(await reasonFor(await signGatewayToken(keys, 'market', CLAIMS))).toBe('wrong-audience');
  });

  it('a crit header → malformed', async () => {
    expect(await reasonFor(forge({ ...header(), crit: ['exp'] }, PAYLOAD))).toBe('malformed');
  });

  it('a kid that is not a string → malformed', async () => {
    expect(await reasonFor(forge({ ...header(), kid: 7 }, PAYLOAD))).toBe('malformed');
  });

  it('two parts only → malformed', async () => {
    expect(await reasonFor(`${b64(header())}.${b64(PAYLOAD)}`)).toBe('malformed');
  });

  it('a kid the published keys lack → unknown-key', async () => {
    const other = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
    expect(await reasonFor(await signGatewayToken(other, 'population', CLAIMS))).toBe('unknown-key');
  });

  it('the kid of the published key on a token another key signed → bad-signature', async () => {
    const other = await gatewayKeysOf((await generateGatewayKeys()).privateJwk);
    expect(await reasonFor(forge(header(), PAYLOAD, other.privateKey))).toBe('bad-signature');
  });

  it('a token of the previous key while it is still published → its claims', async () => {
    const next = await gatewayKeysOf((await generateGatewayKeys()).privateJwk, [keys.publicJwk]);
    expect(await reasonFor(await signGatewayToken(keys, 'population', CLAIMS), 'population', await localGatewayKeys(next.jwks))).toBe('accepted');
  });

  it('no kid, with one published key → verified with it', async () => {
    const { kid: _kid, ...withoutKid } = header();
    expect(await reasonFor(forge(withoutKid, PAYLOAD))).toBe('accepted');
  });

  it('a disclosure-replay token → verifyDisclosureReplayToken gives the new reader and the request replayed', async () => {
    const token = await signDisclosureReplayToken(keys, 'population', { ...CLAIMS, requestId: 'r-2' }, 'r-1');
    expect(await verifyDisclosureReplayToken(published, 'population', token)).toEqual({ ...CLAIMS, requestId: 'r-2', replayOf: 'r-1' });
  });

  it('a disclosure-replay token read as an ordinary one → replay-token', async () => {
    expect(await reasonFor(await signDisclosureReplayToken(keys, 'population', { ...CLAIMS, requestId: 'r-2' }, 'r-1'))).toBe('replay-token');
  });

  it('an ordinary token read as a disclosure-replay one → not-a-replay-token', async () => {
    expect(await reasonFor(await signGatewayToken(keys, 'population', CLAIMS), 'population', published, verifyDisclosureReplayToken)).toBe('not-a-replay-token');
  });

  it('no kid, with two published keys → unknown-key', async () => {
    const { kid: _kid, ...withoutKid } = header();
    const next = await gatewayKeysOf((await generateGatewayKeys()).privateJwk, [keys.publicJwk]);
    expect(await reasonFor(forge(withoutKid, PAYLOAD), 'population', await localGatewayKeys(next.jwks))).toBe('unknown-key');
  });
});
