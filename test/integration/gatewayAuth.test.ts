import { SignJWT, UnsecuredJWT } from 'jose';
import { graphqlRequest } from '../support/graphqlRequest';
import { CASEWORKER, DENY, ALLOW, fakePolicySet, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * Authentication at the gateway with the development HS256 secret: a token that verifies
 * gives an identity, no token an anonymous reader, anything else a 401 that says why and
 * never echoes the token. `Thing.colour` is readable by identified readers only, and
 * `Thing.name` only for the purpose `review`, so the identity and purpose show in the data.
 */
const policies = fakePolicySet(
  {
    'Thing.colour': (reader) => (reader.identity ? ALLOW : DENY),
    'Thing.name': (reader) => (reader.purpose === 'review' ? ALLOW : DENY),
  },
  { purposes: ['review', 'audit'] },
);

const CLAIMS = { roles: ['caseworker'], dept: 'alpha', clearance: 2 };

describe('gateway authentication', () => {
  let stack: FixtureStack;
  let url: string;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { policies } });
    url = stack.gateway.url;
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Signs `claims` with the gateway's secret (or `secret`), letting a test set any time claim. */
  function sign(claims: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt.setExpirationTime('5m'), secret = stack.secret): Promise<string> {
    return edit(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('staff-1').setIssuedAt()).sign(secret);
  }

  async function refusal(authorization: string) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ things { id } }' }),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text), wwwAuthenticate: response.headers.get('www-authenticate') };
  }

  it('reads a request without a token as anonymous', async () => {
    const { status, body } = await graphqlRequest(url, '{ thing(id: "t1") { id colour } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ thing: { id: 't1', colour: null } });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['thing', 'colour'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('reads a request with a valid token as its identity', async () => {
    const { body } = await graphqlRequest(url, '{ thing(id: "t1") { id colour } }', undefined, await stack.authorization(CASEWORKER));
    expect(body).toEqual({ data: { thing: { id: 't1', colour: 'red' } } });
  });

  it('refuses a token signed with another secret with 401 bad-signature, not echoing it', async () => {
    const token = await sign(CLAIMS, undefined, new TextEncoder().encode('another secret that is long enough!!'));
    const { status, body, text } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'bad-signature' } }] });
    expect(text).not.toContain(token.split('.')[2]);
  });

  it('refuses an unsigned token (alg none) with 401 algorithm-not-allowed', async () => {
    const token = new UnsecuredJWT({ ...CLAIMS, sub: 'staff-1' }).setExpirationTime('5m').encode();
    const { status, body, text } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'algorithm-not-allowed' });
    expect(text).not.toContain(token.split('.')[1]);
  });

  it('refuses an expired token with 401 expired', async () => {
    const token = await sign(CLAIMS, (jwt) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600));
    const { status, body, text } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
    expect(text).not.toContain(token);
  });

  it('refuses a token whose nbf is in the future with 401 not-yet-valid', async () => {
    const token = await sign(CLAIMS, (jwt) => jwt.setNotBefore('1h').setExpirationTime('2h'));
    const { status, body } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'not-yet-valid' });
  });

  it('refuses a token without exp with 401 invalid-claims', async () => {
    const token = await sign(CLAIMS, (jwt) => jwt);
    const { status, body } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'invalid-claims' });
  });

  it('refuses a token with a clearance outside 1–4 with 401 invalid-claims', async () => {
    const token = await sign({ ...CLAIMS, clearance: 5 });
    const { status, body } = await refusal(`Bearer ${token}`);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'invalid-claims' });
  });

  it('refuses a token without roles with 401 invalid-claims', async () => {
    const token = await sign({ dept: 'alpha', clearance: 2 });
    const { body } = await refusal(`Bearer ${token}`);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'invalid-claims' });
  });

  it('refuses an Authorization header without "Bearer" with 401 malformed, not echoing it', async () => {
    const token = await stack.token();
    const { status, body, text } = await refusal(token);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
    expect(text).not.toContain(token.split('.')[2]);
  });

  it('refuses "Bearer" with no token with 401 malformed', async () => {
    const { status, body } = await refusal('Bearer');
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
  });

  it('refuses a bearer token that is not a JWT with 401 malformed, not echoing it', async () => {
    const { status, body, text } = await refusal('Bearer not-a-jwt-garbage');
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
    expect(text).not.toContain('not-a-jwt-garbage');
  });

  it('refuses a base64 garbage JWT with 401 malformed', async () => {
    const { status, body } = await refusal('Bearer aGVsbG8.d29ybGQ.c2ln');
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
  });

  it('asks for a bearer token in WWW-Authenticate on a 401', async () => {
    const { wwwAuthenticate } = await refusal('Basic dXNlcjpwYXNz');
    expect(wwwAuthenticate).toBe('Bearer error="invalid_token"');
  });

  it('refuses an undeclared X-Purpose with 400 BAD_USER_INPUT naming the declared ones', async () => {
    const { status, body } = await graphqlRequest(url, '{ things { id } }', undefined, { 'x-purpose': 'curiosity' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      { message: 'X-Purpose is not a declared purpose of use; allowed: review, audit', extensions: { code: 'BAD_USER_INPUT', header: 'X-Purpose', allowed: ['review', 'audit'] } },
    ]);
  });

  it('decides with the declared X-Purpose', async () => {
    const { body } = await graphqlRequest(url, '{ thing(id: "t1") { name } }', undefined, { 'x-purpose': 'review' });
    expect(body).toEqual({ data: { thing: { name: 'first' } } });
  });

  it('decides with no purpose when X-Purpose is absent', async () => {
    const { body } = await graphqlRequest(url, '{ thing(id: "t1") { id name } }');
    expect(body.data).toEqual({ thing: null });
    expect(body.errors?.map((e) => e.extensions?.coordinate)).toEqual(['Thing.name']);
  });

  it('serves introspection to an anonymous caller in development mode', async () => {
    const { body } = await graphqlRequest(url, '{ __schema { queryType { name } } }');
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('refuses an X-Case-Id that is not an identifier with 400 BAD_USER_INPUT', async () => {
    const { status, body } = await graphqlRequest(url, '{ things { id } }', undefined, { 'x-case-id': 'case 1; drop' });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', header: 'X-Case-Id' });
  });
});
