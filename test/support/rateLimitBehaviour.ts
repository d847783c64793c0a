import type { GraphQLError } from 'graphql';
import pino from 'pino';
import { gatewayConfigOf, type RateLimitsConfig } from '../../gateway/config';
import { createRateLimiter, type RateLimiter, type RateLimitStore } from '../../gateway/limit/rate';
import { anonymousReader, type Reader } from '../../gateway/request';
import type { Identity } from '../../policies';

/**
 * The behaviour every rate-limit store must show, run against memory (test/unit) and Redis
 * (test/services) alike, on a clock the test drives: the decisions are the same to the request.
 */
export interface StoreUnderTest {
  store: RateLimitStore;
  /** Keys under it belong to this run. */
  prefix: string;
}

export const CLERK: Identity = { sub: 'staff-market-0001', roles: ['caseworker'], dept: 'market', clearance: 2 };
export const CLERK_2: Identity = { sub: 'staff-market-0002', roles: ['caseworker'], dept: 'market', clearance: 2 };
export const CITIZEN: Identity = { sub: '110105194912310021', roles: ['citizen'], dept: null, clearance: 1 };

export function readerOf(identity: Identity | null): Reader {
  return { ...anonymousReader('req-test'), identity };
}

/** The refusal `check` threw, or 'allowed'. */
export async function outcomeOf(limiter: RateLimiter, reader: Reader, address = '203.0.113.7'): Promise<'allowed' | GraphQLError> {
  try {
    await limiter.check(reader, address);
    return 'allowed';
  } catch (error) {
    return error as GraphQLError;
  }
}

/** How many of `n` requests were allowed. */
async function allowedOf(limiter: RateLimiter, n: number, reader: Reader, address?: string): Promise<number> {
  let allowed = 0;
  for (let i = 0; i < n; i++) if ((await outcomeOf(limiter, reader, address)) === 'allowed') allowed++;
  return allowed;
}

const WINDOW_S = 60;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // at a window's start (a multiple of 60 s)

export function describeRateLimitStore(name: string, open: () => Promise<StoreUnderTest>, done: () => Promise<void>): void {
  describe(`${name} rate-limit store`, () => {
    let now = T0;
    let underTest: StoreUnderTest;
    let run = 0;
    const limiterWith = (settings: Partial<RateLimitsConfig>): RateLimiter => {
      const config = gatewayConfigOf({ rateLimits: { windowSeconds: WINDOW_S, perIdentity: 5, perDepartment: 8, perAnonymousAddress: 3, ...settings } }).rateLimits;
      // Each test its own keys: the store outlives the limiter.
      return createRateLimiter(config, { prefix: `${underTest.prefix}${++run}:`, log: pino({ level: 'silent' }), clock: () => now, store: underTest.store });
    };

    beforeAll(async () => {
      underTest = await open();
    });
    afterAll(done);
    beforeEach(() => {
      now = T0;
    });

    it('an identity within its budget → every request allowed, the next one refused with RATE_LIMITED (identity)', async () => {
      const limiter = limiterWith({});
      expect(await allowedOf(limiter, 5, readerOf(CLERK))).toBe(5);
      const refused = await outcomeOf(limiter, readerOf(CLERK));
      expect(refused).not.toBe('allowed');
      expect((refused as GraphQLError).extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'identity' });
    });

    it('the refusal → HTTP 429 with Retry-After equal to extensions.retryAfterSeconds', async () => {
      const limiter = limiterWith({});
      await allowedOf(limiter, 5, readerOf(CLERK));
      const { extensions } = (await outcomeOf(limiter, readerOf(CLERK))) as GraphQLError;
      const http = extensions.http as { status: number; headers: Map<string, string> };
      expect([http.status, http.headers.get('retry-after')]).toEqual([429, String(extensions.retryAfterSeconds)]);
    });

    it('one identity spent → another identity of the same department still served', async () => {
      const limiter = limiterWith({});
      await allowedOf(limiter, 6, readerOf(CLERK));
      expect(await outcomeOf(limiter, readerOf(CLERK_2))).toBe('allowed');
    });

    it('staff of one department together over its budget → refused with RATE_LIMITED (department)', async () => {
      const limiter = limiterWith({});
      expect((await allowedOf(limiter, 4, readerOf(CLERK))) + (await allowedOf(limiter, 4, readerOf(CLERK_2)))).toBe(8);
      const refused = (await outcomeOf(limiter, readerOf({ ...CLERK, sub: 'staff-market-0003' }))) as GraphQLError;
      expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'department' });
    });

    it('a refused request → not counted against the department', async () => {
      const limiter = limiterWith({});
      await allowedOf(limiter, 20, readerOf(CLERK));
      expect(await allowedOf(limiter, 3, readerOf(CLERK_2))).toBe(3);
    });

    it('a citizen (no department) → counted by identity alone', async () => {
      const limiter = limiterWith({ perDepartment: 1 });
      expect(await allowedOf(limiter, 6, readerOf(CITIZEN))).toBe(5);
    });

    it('a subject with a budget of its own → counted against it instead of perIdentity', async () => {
      const limiter = limiterWith({ identityBudgets: { [CITIZEN.sub]: 7 } });
      expect(await allowedOf(limiter, 9, readerOf(CITIZEN))).toBe(7);
    });

    it('anonymous callers → one budget per client address', async () => {
      const limiter = limiterWith({});
      expect(await allowedOf(limiter, 4, readerOf(null), '203.0.113.7')).toBe(3);
      const refused = (await outcomeOf(limiter, readerOf(null), '203.0.113.7')) as GraphQLError;
      expect([refused.extensions.limit, await outcomeOf(limiter, readerOf(null), '203.0.113.8')]).toEqual(['anonymous', 'allowed']);
    });

    it('anonymous IPv6 addresses of one /64 → one budget', async () => {
      const limiter = limiterWith({});
      await allowedOf(limiter, 3, readerOf(null), '2001:db8:1:2::1');
      expect(await outcomeOf(limiter, readerOf(null), '2001:db8:1:2:aaaa::9')).not.toBe('allowed');
    });

    it('half a window after a full window → about half the budget back (the window slides)', async () => {
      const limiter = limiterWith({ perIdentity: 10 });
      await allowedOf(limiter, 10, readerOf(CITIZEN));
      now = T0 + 1.5 * WINDOW_S * 1000;
      expect(await allowedOf(limiter, 10, readerOf(CITIZEN))).toBe(5);
    });

    it('two windows later → the whole budget back', async () => {
      const limiter = limiterWith({});
      await allowedOf(limiter, 5, readerOf(CITIZEN));
      now = T0 + 2 * WINDOW_S * 1000;
      expect(await allowedOf(limiter, 6, readerOf(CITIZEN))).toBe(5);
    });

    it('Retry-After seconds later → the next request fits; a second earlier → still refused', async () => {
      const limiter = limiterWith({});
      now = T0 + 7_000;
      await allowedOf(limiter, 5, readerOf(CITIZEN));
      const { retryAfterSeconds } = ((await outcomeOf(limiter, readerOf(CITIZEN))) as GraphQLError).extensions as { retryAfterSeconds: number };
      const refusedAt = now;
      now = refusedAt + (retryAfterSeconds - 1) * 1000;
      expect(await outcomeOf(limiter, readerOf(CITIZEN))).not.toBe('allowed');
      now = refusedAt + retryAfterSeconds * 1000;
      expect(await outcomeOf(limiter, readerOf(CITIZEN))).toBe('allowed');
    });
  });
}
