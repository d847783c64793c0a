import { gatewayConfigOf } from '../../gateway/config';
import type { RunningGateway } from '../../gateway/server';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { startSecondGateway } from '../support/secondGateway';

/**
 * Rate limits in an embedded gateway (counters in memory) as a client meets them over HTTP,
 * and the client address they count by: the socket's, unless proxies are trusted.
 */
const QUERY = '{ things { id } }';

describe('rate limits of an embedded gateway', () => {
  let stack: FixtureStack;
  let behindProxy: RunningGateway;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { config: gatewayConfigOf({ rateLimits: { perAnonymousAddress: 2 } }) } });
    behindProxy = await startSecondGateway(stack, gatewayConfigOf({ trustProxy: 'loopback', rateLimits: { perAnonymousAddress: 2 } }));
  });

  afterAll(async () => {
    await behindProxy?.close();
    await stack?.close();
  });

  async function post(url: string, forwardedFor?: string, authorization?: string) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
      ...(authorization && { authorization }),
    };
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  }

  it('an anonymous address over its budget → HTTP 429, Retry-After, RATE_LIMITED naming the anonymous limit, no data', async () => {
    await post(stack.gateway.url, '198.51.100.1');
    await post(stack.gateway.url, '198.51.100.2');
    const { status, retryAfter, body } = await post(stack.gateway.url, '198.51.100.3');
    expect({ status, retryAfter, data: body.data, extensions: body.errors?.[0].extensions }).toEqual({
      status: 429,
      retryAfter: expect.stringMatching(/^\d+$/),
      data: undefined,
      extensions: { code: 'RATE_LIMITED', limit: 'anonymous', retryAfterSeconds: Number(retryAfter) },
    });
  });

  it("proxies not trusted → a forged X-Forwarded-For is ignored: the socket's spent budget still refuses", async () => {
    expect((await post(stack.gateway.url, '198.51.100.99')).status).toBe(429);
  });

  it('the loopback proxy trusted → each forwarded client address has its own budget', async () => {
    const statuses = [];
    for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']) statuses.push((await post(behindProxy.url, address)).status);
    expect(statuses).toEqual([200, 200, 429, 200]);
  });

  it('refused tokens → counted against the address: once its budget is spent, 429 instead of 401', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(behindProxy.url, '198.51.100.50', 'Bearer not-a-token')).status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
