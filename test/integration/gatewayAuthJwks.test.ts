import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { gatewayConfigOf } from '../../gateway/config';
import { startGateway } from '../../gateway/server/startGateway';
import { graphqlRequest } from '../support/graphqlRequest';
import { composeFixtureSupergraph, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * Production: callers' tokens come from an identity provider and are verified against its
 * JWKS (served here by a tiny HTTP server), with the issuer and audience it must name.
 */
const ISSUER = 'https://idp.example.gov';
const AUDIENCE = 'govgraph';
const CLAIMS = { roles: ['caseworker'], dept: 'alpha', clearance: 2 };

describe('gateway authentication against a JWKS, in production mode', () => {
  let stack: FixtureStack;
  let jwks: http.Server;
  let signingKey: KeyLike;
  let strangerKey: KeyLike;

  function sign(key: KeyLike, { issuer = ISSUER, audience = AUDIENCE, kid = 'idp-1' } = {}): Promise<string> {
    return new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('staff-1')
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  async function ask(document: string, token?: string) {
    return graphqlRequest(stack.gateway.url, document, undefined, token ? { authorization: `Bearer ${token}` } : {});
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const body = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }] });
    jwks = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    stack = await startFixtureStack({ gateway: { config: { mode: 'production' }, auth: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } } });
  });

  afterAll(async () => {
    await stack?.close();
    jwks?.closeAllConnections();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('accepts a token of the identity provider', async () => {
    const { status, body } = await ask('{ thing(id: "t1") { id } }', await sign(signingKey));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { thing: { id: 't1' } } });
  });

  it('refuses a token from another issuer with 401 wrong-issuer', async () => {
    const { status, body } = await ask('{ things { id } }', await sign(signingKey, { issuer: 'https://elsewhere.example' }));
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'wrong-issuer' } }]);
  });

  it('refuses a token for another audience with 401 wrong-audience', async () => {
    const { status, body } = await ask('{ things { id } }', await sign(signingKey, { audience: 'another-api' }));
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'wrong-audience' } }]);
  });

  it('refuses a token signed with a key the identity provider does not publish with 401', async () => {
    const { status, body } = await ask('{ things { id } }', await sign(strangerKey, { kid: 'idp-9' }));
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'unknown-key' });
  });

  it('refuses an HS256 token with 401 algorithm-not-allowed', async () => {
    const token = await new SignJWT(CLAIMS)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const { status, body } = await ask('{ things { id } }', token);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'algorithm-not-allowed' });
  });

  it('refuses introspection to an anonymous caller with FORBIDDEN', async () => {
    const { body } = await ask('{ __schema { queryType { name } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringContaining('authenticated'), extensions: { code: 'FORBIDDEN', reason: 'introspection' } }]);
  });

  it('refuses __type hidden in a fragment to an anonymous caller', async () => {
    const { body } = await ask('{ ...Schema } fragment Schema on Query { __type(name: "Thing") { name } }');
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('serves introspection to an authenticated caller', async () => {
    const { body } = await ask('{ __schema { queryType { name } } }', await sign(signingKey));
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('serves __typename to an anonymous caller', async () => {
    const { body } = await ask('{ __typename }');
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('gateway start-up with a JWKS', () => {
  let dir: string;
  let supergraphFile: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-jwks-start-'));
    supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, composeFixtureSupergraph());
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails naming the missing issuer and audience when only a JWKS URL is set', async () => {
    await expect(startGateway({ port: 0, supergraphFile, watch: false, auth: { jwksUrl: 'http://127.0.0.1:1/jwks.json' } })).rejects.toThrow(
      'GOVGRAPH_JWKS_URL is set but GOVGRAPH_JWT_ISSUER and GOVGRAPH_JWT_AUDIENCE are not',
    );
  });

  it('fails in production without a JWKS URL or a secret, rather than creating a secret', async () => {
    await expect(startGateway({ port: 0, supergraphFile, watch: false, config: gatewayConfigOf({ mode: 'production' }) })).rejects.toThrow(
      /In production the gateway needs GOVGRAPH_JWKS_URL/,
    );
  });
});
