import { execFile } from 'node:child_process';
import path from 'node:path';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { describeWithPython } from '../support/python';

const SCRIPT = path.resolve(__dirname, '../../docs/examples/verify_gateway_token.py');

/** Runs the documented Python verifier against the gateway's live JWKS; its verdict and exit code. */
function verifyInPython(
  jwksUrl: string,
  audience: string,
  token: string,
): Promise<{ code: number; verdict: { valid: boolean; reason?: string; claims?: Record<string, unknown> } }> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', [SCRIPT, '--jwks-url', jwksUrl, '--audience', audience], { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      try {
        resolve({ code, verdict: JSON.parse(stdout) });
      } catch {
        reject(new Error(`the verifier printed no verdict (exit ${code}): ${stderr}`));
      }
    });
    // On standard input: a token is never put on a command line, where `ps` shows it.
    child.stdin?.end(token);
  });
}

/**
 * A department in another language verifies the gateway's tokens with nothing but its JWKS:
 * the Python example of docs/department-token.md, run against a live gateway and a token the
 * gateway sent a department.
 */
describeWithPython('gateway token verified in Python against the live JWKS', () => {
  let stack: FixtureStack;
  let jwksUrl: string;
  let token: string;

  beforeAll(async () => {
    stack = await startFixtureStack({ recordSubgraphRequests: true });
    jwksUrl = new URL('/.well-known/jwks.json', stack.gateway.url).href;
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization()) },
      body: JSON.stringify({ query: '{ thing(id: "t1") { id colour } }' }),
    });
    expect(response.status).toBe(200);
    token = String(stack.received.alpha.at(-1)?.authorization).replace(/^Bearer /, '');
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('a token the gateway sent the department → valid, with its claims', async () => {
    const { code, verdict } = await verifyInPython(jwksUrl, 'alpha', token);
    expect({ code, valid: verdict.valid, aud: verdict.claims?.aud, iss: verdict.claims?.iss, sub: verdict.claims?.sub }).toEqual({
      code: 0,
      valid: true,
      aud: 'alpha',
      iss: 'govgraph-gateway',
      sub: 'staff-1',
    });
  });

  it('the payload changed after signing → refused, bad-signature', async () => {
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['officer'] })).toString('base64url');
    expect(await verifyInPython(jwksUrl, 'alpha', `${header}.${tampered}.${signature}`)).toEqual({ code: 1, verdict: { valid: false, reason: 'bad-signature' } });
  });

  it('a token for another department → refused, wrong-audience', async () => {
    expect(await verifyInPython(jwksUrl, 'beta', token)).toEqual({ code: 1, verdict: { valid: false, reason: 'wrong-audience' } });
  });
});
