import { DEFAULT_RELAY_SETTINGS, redeliverDelayMs, relaySettingsFromEnv, retryDelayMs } from '../../subgraphs/services/writeBack/writeBackRelaySettings';

describe('write-back relay settings', () => {
  it('no variable → the defaults: 8 attempts, retries from 500 ms capped at 60 s, redelivery after 10 s', () => {
    expect(relaySettingsFromEnv({})).toMatchObject({ maxAttempts: 8, retryBaseMs: 500, retryCapMs: 60_000, redeliverAfterMs: 10_000, pollMs: 100, timeoutMs: 5000 });
  });

  it('GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS and GOVGRAPH_WRITE_BACK_RETRY_MS → taken', () => {
    expect(relaySettingsFromEnv({ GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS: '3', GOVGRAPH_WRITE_BACK_RETRY_MS: '20' })).toMatchObject({ maxAttempts: 3, retryBaseMs: 20 });
  });

  it('a value that is not a whole number of at least 1 → an error naming the variable', () => {
    expect(() => relaySettingsFromEnv({ GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS: 'eight' })).toThrow("GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS='eight': expected a whole number of at least 1");
    expect(() => relaySettingsFromEnv({ GOVGRAPH_WRITE_BACK_RETRY_MS: '0' })).toThrow('GOVGRAPH_WRITE_BACK_RETRY_MS');
  });

  it('retry n → between half and all of base × 2^(n−1), never above the cap', () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((n) => [retryDelayMs(DEFAULT_RELAY_SETTINGS, n, low), retryDelayMs(DEFAULT_RELAY_SETTINGS, n, high)])).toEqual([
      [250, 500],
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
    ]);
    expect(retryDelayMs(DEFAULT_RELAY_SETTINGS, 20, high)).toBe(60_000);
  });

  it('publication n without an outcome → published again after 10 s × 2^(n−1), capped', () => {
    expect([1, 2, 3].map((n) => redeliverDelayMs(DEFAULT_RELAY_SETTINGS, n))).toEqual([10_000, 20_000, 40_000]);
    expect(redeliverDelayMs(DEFAULT_RELAY_SETTINGS, 30)).toBe(DEFAULT_RELAY_SETTINGS.redeliverCapMs);
  });
});
