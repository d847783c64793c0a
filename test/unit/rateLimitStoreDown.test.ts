import type { GraphQLError } from 'graphql';
import pino from 'pino';
import { gatewayConfigOf, type RateLimitsConfig } from '../../gateway/config';
import { createRateLimiter, type RateLimitStore } from '../../gateway/limit/rate';
import { CLERK, outcomeOf, readerOf } from '../support/rateLimitBehaviour';

/** What `whenStoreDown` does with each caller when the counters cannot be reached, and how long a request waits for them. */
const failing: RateLimitStore = { kind: 'redis', hit: () => Promise.reject(new Error('Connection is closed.')), reachable: () => true, close: async () => {} };
const hanging: RateLimitStore = { kind: 'redis', hit: () => new Promise(() => {}), reachable: () => true, close: async () => {} };

function limiterWith(whenStoreDown: RateLimitsConfig['whenStoreDown'], store = failing) {
  const config = gatewayConfigOf({ rateLimits: { whenStoreDown, storeTimeoutMs: 50 } }).rateLimits;
  return createRateLimiter(config, { prefix: 'test:', log: pino({ level: 'silent' }), store });
}

const codeOf = (outcome: 'allowed' | GraphQLError) => (outcome === 'allowed' ? outcome : outcome.extensions.code);

describe('rate limits with the counters unreachable', () => {
  it('split (the default) → an anonymous caller refused with 503 RATE_LIMIT_UNAVAILABLE and Retry-After', async () => {
    const refused = (await outcomeOf(limiterWith('split'), readerOf(null))) as GraphQLError;
    const http = refused.extensions.http as { status: number; headers: Map<string, string> };
    expect([refused.extensions.code, http.status, http.headers.get('retry-after')]).toEqual(['RATE_LIMIT_UNAVAILABLE', 503, '2']);
  });

  it('split → an authenticated reader served', async () => {
    expect(await outcomeOf(limiterWith('split'), readerOf(CLERK))).toBe('allowed');
  });

  it('closed → an authenticated reader refused too', async () => {
    expect(codeOf(await outcomeOf(limiterWith('closed'), readerOf(CLERK)))).toBe('RATE_LIMIT_UNAVAILABLE');
  });

  it('open → an anonymous caller served', async () => {
    expect(await outcomeOf(limiterWith('open'), readerOf(null))).toBe('allowed');
  });

  it('a store that never answers → the request decided after storeTimeoutMs, not later', async () => {
    const started = Date.now();
    expect(codeOf(await outcomeOf(limiterWith('split', hanging), readerOf(null)))).toBe('RATE_LIMIT_UNAVAILABLE');
    // 50 ms configured; the bound is generous for a loaded machine.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a failure → health says the counters are down, and with which policy', async () => {
    const limiter = limiterWith('split');
    await outcomeOf(limiter, readerOf(CLERK));
    expect(limiter.health()).toEqual({ store: 'redis', up: false, whenStoreDown: 'split' });
  });
});
