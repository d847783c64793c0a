import { decodeJwt } from 'jose';
import { localGatewayKeys, verifyGatewayToken, type GatewayVerificationKeys } from '../../schema/contracts/gatewayToken';
import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * What each department receives: the reader's identity, purpose and case in a short-lived
 * token the gateway signs for that department alone, never the caller's own token. The
 * fixture departments verify it with the gateway's public key, as every department does.
 */
describe('gateway identity token to subgraphs', () => {
  let stack: FixtureStack;
  /** What a department verifies with: the gateway's published keys. */
  let keys: GatewayVerificationKeys;

  beforeAll(async () => {
    stack = await startFixtureStack({ recordSubgraphRequests: true });
    keys = await localGatewayKeys(stack.gatewayKeys.jwks);
  });

  afterAll(async () => {
    await stack?.close();
  });

  /** Sends a query that needs both departments; returns the response and the Authorization each received for it. */
  async function send(headers: Record<string, string>) {
    const before = { alpha: stack.received.alpha.length, beta: stack.received.beta.length };
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ thing(id: "t1") { id colour } }' }),
    });
    const body = await response.json();
    const sent = (name: 'alpha' | 'beta') => stack.received[name].slice(before[name]).map((h) => String(h.authorization ?? ''));
    return { body, requestId: response.headers.get('x-request-id'), alpha: sent('alpha'), beta: sent('beta') };
  }

  const tokenOf = (authorization: string) => authorization.replace(/^Bearer /, '');

  it('sends each department a bearer token the department accepts', async () => {
    const { body, alpha, beta } = await send(await stack.authorization());
    expect(body).toEqual({ data: { thing: { id: 't1', colour: 'red' } } });
    expect(alpha).toEqual([expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)]);
    expect(beta).toEqual([expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/)]);
  });

  it("never forwards the caller's own token", async () => {
    const user = await stack.authorization();
    const { alpha, beta } = await send(user);
    expect([...alpha, ...beta]).not.toContain(user.authorization);
  });

  it('signs for one department only: the audience is its name', async () => {
    const { alpha, beta } = await send(await stack.authorization());
    expect(decodeJwt(tokenOf(alpha[0])).aud).toBe('alpha');
    expect(decodeJwt(tokenOf(beta[0])).aud).toBe('beta');
    await expect(verifyGatewayToken(keys, 'alpha', tokenOf(beta[0]))).rejects.toThrow();
  });

  it('carries the identity, purpose, request id and case of the request', async () => {
    const { alpha, requestId } = await send({ ...(await stack.authorization(CASEWORKER)), 'x-purpose': 'review', 'x-case-id': 'CASE-2024-0042' });
    expect(await verifyGatewayToken(keys, 'alpha', tokenOf(alpha[0]))).toEqual({
      identity: CASEWORKER,
      purpose: 'review',
      requestId,
      caseId: 'CASE-2024-0042',
    });
  });

  it('carries an anonymous reader, no purpose and no case when the request names none', async () => {
    const { beta, requestId } = await send({});
    expect(await verifyGatewayToken(keys, 'beta', tokenOf(beta[0]))).toEqual({ identity: null, purpose: null, requestId, caseId: null });
  });

  it('expires the token within a minute', async () => {
    const { alpha } = await send(await stack.authorization());
    const { iat, exp } = decodeJwt(tokenOf(alpha[0]));
    expect((exp as number) - (iat as number)).toBeLessThanOrEqual(60);
  });
});
