import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  gatewayKeysOf,
  generateGatewayKeys,
  remoteGatewayKeys,
  signGatewayToken,
  verifyGatewayToken,
  type GatewayKeys,
  type GatewayVerificationKeys,
} from '../../schema/contracts/gatewayToken';
import { rejectionOf } from '../../schema/contracts/TokenRejection';
import { jwksRoute } from '../../gateway/server/jwksRoute';

/**
 * A department following the gateway's JWKS URL: keys fetched once and cached, fetched again
 * when a token names a kid the set lacks (at most once per interval), refused when the kid is
 * still unknown or the keys cannot be fetched. The gateway's side is its own route, serving
 * the set a (re)started gateway would.
 */
describe('department verification against the gateway JWKS', () => {
  const CLAIMS = { identity: null, purpose: null, requestId: 'r-1', caseId: null };
  let server: http.Server;
  let url: URL;
  let served: GatewayKeys;
  let fetches: number;

  const newKeys = async (previous: GatewayKeys[] = []) =>
    gatewayKeysOf(
      (await generateGatewayKeys()).privateJwk,
      previous.map((keys) => keys.publicJwk),
    );

  beforeAll(async () => {
    const app = express();
    app.get('/.well-known/jwks.json', (req, res, next) => {
      fetches += 1;
      jwksRoute(served.jwks)(req, res, next);
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(async () => {
    served = await newKeys();
    fetches = 0;
  });

  async function reasonFor(keys: GatewayVerificationKeys, token: string): Promise<string> {
    try {
      await verifyGatewayToken(keys, 'population', token);
      return 'accepted';
    } catch (error) {
      return rejectionOf(error);
    }
  }

  it('tokens of the published key → accepted, the JWKS fetched once', async () => {
    const keys = remoteGatewayKeys(url);
    const reasons = [await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS)), await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS))];
    expect({ reasons, fetches }).toEqual({ reasons: ['accepted', 'accepted'], fetches: 1 });
  });

  it('a kid the gateway does not publish → unknown-key after one more fetch', async () => {
    const keys = remoteGatewayKeys(url, { refetchIntervalMs: 0 });
    await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS));
    const stranger = await newKeys();
    expect({ reason: await reasonFor(keys, await signGatewayToken(stranger, 'population', CLAIMS)), fetches }).toEqual({ reason: 'unknown-key', fetches: 2 });
  });

  it('a flood of unknown kids within the interval since the last fetch → refused without fetching again', async () => {
    const keys = remoteGatewayKeys(url, { refetchIntervalMs: 60_000 });
    await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS));
    const reasons = [];
    for (let i = 0; i < 5; i++) reasons.push(await reasonFor(keys, await signGatewayToken(await newKeys(), 'population', CLAIMS)));
    expect({ reasons: new Set(reasons), fetches }).toEqual({ reasons: new Set(['unknown-key']), fetches: 1 });
  });

  it('the gateway rotated its key → the new kid fetched and accepted, the previous key still accepted', async () => {
    const keys = remoteGatewayKeys(url, { refetchIntervalMs: 0 });
    const before = served;
    await reasonFor(keys, await signGatewayToken(before, 'population', CLAIMS));
    served = await newKeys([before]);
    const reasons = {
      next: await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS)),
      previous: await reasonFor(keys, await signGatewayToken(before, 'population', CLAIMS)),
    };
    expect({ reasons, fetches }).toEqual({ reasons: { next: 'accepted', previous: 'accepted' }, fetches: 2 });
  });

  it('the JWKS cannot be fetched → keys-unavailable, the token refused', async () => {
    const keys = remoteGatewayKeys(new URL('http://127.0.0.1:1/.well-known/jwks.json'));
    expect(await reasonFor(keys, await signGatewayToken(served, 'population', CLAIMS))).toBe('keys-unavailable');
  });
});
