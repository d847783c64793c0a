import { calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * The gateway publishes the keys of its department tokens at `/.well-known/jwks.json`, and a
 * department that follows that URL (`GOVGRAPH_GATEWAY_JWKS_URL`) verifies with it alone.
 */
describe('gateway JWKS', () => {
  let stack: FixtureStack;
  let jwksUrl: string;

  beforeAll(async () => {
    stack = await startFixtureStack({ recordSubgraphRequests: true, subgraphsFollowJwks: true });
    jwksUrl = new URL('/.well-known/jwks.json', stack.gateway.url).href;
  });

  afterAll(async () => {
    await stack?.close();
  });

  const query = async () =>
    fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization()) },
      body: JSON.stringify({ query: '{ thing(id: "t1") { id colour } }' }),
    }).then((response) => response.json());

  it('GET /.well-known/jwks.json → the public key with its thumbprint as kid, alg EdDSA, use sig, nothing private', async () => {
    const body = await (await fetch(jwksUrl)).json();
    const { x } = stack.gatewayKeys.publicJwk;
    expect(body).toEqual({ keys: [{ kty: 'OKP', crv: 'Ed25519', x, kid: await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }), alg: 'EdDSA', use: 'sig' }] });
  });

  it('GET /.well-known/jwks.json → a JWK set media type, cacheable for a minute', async () => {
    const response = await fetch(jwksUrl);
    expect({ type: response.headers.get('content-type'), cache: response.headers.get('cache-control') }).toEqual({
      type: 'application/jwk-set+json; charset=utf-8',
      cache: 'public, max-age=60',
    });
  });

  it('the token a department receives → names the published key in its kid', async () => {
    await query();
    const token = String(stack.received.alpha.at(-1)?.authorization).replace(/^Bearer /, '');
    const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'govgraph-gateway+jwt', kid: keys[0].kid });
  });

  it('departments that verify with the JWKS URL alone → both answer', async () => {
    expect(await query()).toEqual({ data: { thing: { id: 't1', colour: 'red' } } });
  });
});
