import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { SignJWT } from 'jose';
import { gatewayClaimsOf, requireGatewayToken } from '../../subgraphs/kit/enforcement/requireGatewayToken';
import { createGatewayTestKeys, mintGatewayToken, STAFF, type GatewayTestKeys } from '../support/gatewayTokens';

let keys: GatewayTestKeys;

beforeAll(async () => {
  keys = await createGatewayTestKeys();
});

/** Runs the middleware once; what it logged, answered, and whether it let the request through. */
async function run(authorization: string | undefined) {
  const logged: unknown[] = [];
  const log = { warn: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
  const answered: { status?: number; body?: unknown } = {};
  const res = {
    locals: {},
    status(code: number) {
      answered.status = code;
      return this;
    },
    set() {
      return this;
    },
    json(body: unknown) {
      answered.body = body;
      return this;
    },
  } as unknown as Response;
  const req = { method: 'POST', headers: authorization === undefined ? {} : { authorization } } as Request;
  const passed = await new Promise<boolean>((resolve) => {
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      json(body);
      resolve(false);
      return res;
    }) as Response['json'];
    requireGatewayToken('population', keys.verificationKeys, log)(req, res, () => resolve(true));
  });
  return { passed, logged: JSON.stringify(logged), answered, res };
}

describe('requireGatewayToken', () => {
  it('a valid token → next() with the verified claims kept for the context', async () => {
    const token = await mintGatewayToken(keys, 'population', { identity: STAFF, purpose: 'case-review', requestId: 'r-1', caseId: 'APP-1' });
    const { passed, res } = await run(`Bearer ${token}`);
    expect(passed).toBe(true);
    expect(gatewayClaimsOf(res)).toEqual({ identity: STAFF, purpose: 'case-review', requestId: 'r-1', caseId: 'APP-1' });
  });

  it('a refused gateway token → its text in neither the log nor the answer', async () => {
    const token = await mintGatewayToken(keys, 'market', { identity: STAFF });
    const { passed, logged, answered } = await run(`Bearer ${token}`);
    expect(passed).toBe(false);
    expect(logged).toContain('wrong-audience');
    for (const part of token.split('.')) {
      expect(logged).not.toContain(part);
      expect(JSON.stringify(answered.body)).not.toContain(part);
    }
  });

  it('a refused user JWT → its text in neither the log nor the answer', async () => {
    const jwt = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a-dev-secret-of-at-least-32-bytes'));
    const { logged, answered } = await run(`Bearer ${jwt}`);
    expect(answered.status).toBe(401);
    for (const part of jwt.split('.')) {
      expect(logged).not.toContain(part);
      expect(JSON.stringify(answered.body)).not.toContain(part);
    }
  });

  it('three dot-separated parts that are not a JWT → 401, reason malformed', async () => {
    const { answered } = await run('Bearer aaa.bbb.ccc');
    expect(answered).toEqual({ status: 401, body: { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'malformed' } }] } });
  });
});
