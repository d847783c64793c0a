import { clientAddressKey } from '../../gateway/limit/rate/clientAddressKey';
import { refuses, retryAfterMs } from '../../gateway/limit/rate/slidingWindow';

/** The window arithmetic both stores share, and the client address anonymous budgets key on. */
describe('sliding window', () => {
  const WINDOW = 10_000;

  it('full previous window, none of it slid out yet → refused', () => {
    expect(refuses({ current: 0, previous: 10 }, 10, 50_000, WINDOW)).toBe(true);
  });

  it('full previous window, 30% slid out → room for 3', () => {
    const at = 53_000;
    expect([0, 1, 2, 3].map((current) => refuses({ current, previous: 10 }, 10, at, WINDOW))).toEqual([false, false, false, true]);
  });

  it('any refused counts → just after retryAfterMs the request fits, just before it still does not', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 16807) % 2147483647) % n;
    for (let i = 0; i < 500; i++) {
      const limit = 1 + random(20);
      const counts = { current: random(limit + 1), previous: random(3 * limit) };
      const now = 50_000 + random(WINDOW);
      if (!refuses(counts, limit, now, WINDOW)) continue;
      const wait = Math.ceil(retryAfterMs(counts, limit, now, WINDOW));
      // The counts as they will be at t (each new window moves current to previous).
      const later = (t: number) => [counts, { current: 0, previous: counts.current }, { current: 0, previous: 0 }][Math.min(2, Math.floor(t / WINDOW) - Math.floor(now / WINDOW))];
      expect([limit, counts, now, refuses(later(now + wait), limit, now + wait, WINDOW)]).toEqual([limit, counts, now, false]);
      if (wait > 1) expect([limit, counts, now, refuses(later(now + wait - 2), limit, now + wait - 2, WINDOW)]).toEqual([limit, counts, now, true]);
    }
  });
});

describe('client address key', () => {
  it('an IPv4 address → itself', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('an IPv4-mapped IPv6 address → the IPv4 address', () => {
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('IPv6 addresses of one /64, written differently → one key', () => {
    expect(new Set(['2001:db8:0:12::1', '2001:0db8:0000:0012:ffff::', '2001:DB8:0:12:1:2:3:4'].map(clientAddressKey))).toEqual(new Set(['2001:db8:0:12::/64']));
  });

  it('IPv6 addresses of different /64s → different keys', () => {
    expect(clientAddressKey('2001:db8:0:12::1')).not.toBe(clientAddressKey('2001:db8:0:13::1'));
  });
});
