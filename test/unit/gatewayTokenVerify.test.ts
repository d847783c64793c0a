import { sign, type KeyObject } from 'node:crypto';
import { importJWK, type KeyLike } from 'jose';
import { generateGatewayKeys, signGatewayToken, verifyGatewayToken, type GatewayClaims } from '../../schema/contracts/gatewayToken';
import { rejectionOf } from '../../subgraphs/kit/enforcement/requireGatewayToken';

const CLAIMS: GatewayClaims = { identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'services', clearance: 2 }, purpose: 'audit', requestId: 'r-1', caseId: null };
let privateKey: KeyLike;
let publicKey: KeyLike;

beforeAll(async () => {
  const pair = await generateGatewayKeys();
  privateKey = (await importJWK(pair.privateJwk, 'EdDSA')) as KeyLike;
  publicKey = (await importJWK(pair.publicJwk, 'EdDSA')) as KeyLike;
});

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token signed with the gateway's real key but with a header and payload of the test's choosing. */
function forge(header: object, payload: object): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey as KeyObject).toString('base64url')}`;
}

async function reasonFor(token: string, audience = 'population'): Promise<string> {
  try {
    await verifyGatewayToken(publicKey, audience, token);
    return 'accepted';
  } catch (error) {
    return rejectionOf(error);
  }
}

const now = (): number => Math.floor(Date.now() / 1000);
const HEADER = { alg: 'EdDSA', typ: 'govgraph-gateway+jwt' };
const PAYLOAD = { iss: 'govgraph-gateway', aud: 'population', exp: now() + 60, sub: 'staff-1', roles: [], anon: false };

describe('gateway token verification', () => {
  it('a token the gateway signed for this department → its claims', async () => {
    const token = await signGatewayToken(privateKey, 'population', CLAIMS);
    expect(await verifyGatewayToken(publicKey, 'population', token)).toEqual(CLAIMS);
  });

  it('a payload changed after signing → bad-signature', async () => {
    const [header, , signature] = (await signGatewayToken(privateKey, 'population', CLAIMS)).split('.');
    expect(await reasonFor(`${header}.${b64({ ...PAYLOAD, roles: ['officer'] })}.${signature}`)).toBe('bad-signature');
  });

  it('alg none → not-a-gateway-token', async () => {
    expect(await reasonFor(`${b64({ alg: 'none', typ: HEADER.typ })}.${b64(PAYLOAD)}.`)).toBe('not-a-gateway-token');
  });

  it('another typ → not-a-gateway-token', async () => {
    expect(await reasonFor(forge({ alg: 'EdDSA', typ: 'JWT' }, PAYLOAD))).toBe('not-a-gateway-token');
  });

  it('another issuer → wrong-issuer', async () => {
    expect(await reasonFor(forge(HEADER, { ...PAYLOAD, iss: 'someone-else' }))).toBe('wrong-issuer');
  });

  it('no exp → invalid-claims', async () => {
    const { exp: _exp, ...withoutExp } = PAYLOAD;
    expect(await reasonFor(forge(HEADER, withoutExp))).toBe('invalid-claims');
  });

  it('exp in the past → expired', async () => {
    expect(await reasonFor(forge(HEADER, { ...PAYLOAD, exp: now() - 1 }))).toBe('expired');
  });

  it('a token for another department → wrong-audience', async () => {
    expect(await reasonFor(await signGatewayToken(privateKey, 'market', CLAIMS))).toBe('wrong-audience');
  });

  it('a crit header → malformed', async () => {
    expect(await reasonFor(forge({ ...HEADER, crit: ['exp'] }, PAYLOAD))).toBe('malformed');
  });

  it('two parts only → malformed', async () => {
    expect(await reasonFor(`${b64(HEADER)}.${b64(PAYLOAD)}`)).toBe('malformed');
  });
});
