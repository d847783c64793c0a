/** How the relay delivers, retries and gives up; each settable in the environment so tests (and operators) can change it. */
export interface WriteBackRelaySettings {
  /** How often the outbox is polled for due write-backs while it holds pending ones (a completion in this process wakes it at once). */
  pollMs: number;
  /**
   * How often it is polled while it holds none: only write-backs this process did not write
   * (another services instance's, one `govgraph exchange replay` put back) appear unannounced.
   */
  idlePollMs: number;
  /** Deliveries after which a write-back no department answered goes to the dead letters. */
  maxAttempts: number;
  /** The first retry's delay after a failed delivery, doubling with each (with jitter) up to `retryCapMs`. */
  retryBaseMs: number;
  retryCapMs: number;
  /** With Redis: how long a published event may wait for its outcome before it is published again, doubling with each publication up to `redeliverCapMs`. */
  redeliverAfterMs: number;
  redeliverCapMs: number;
  /** How long a department (or Redis) may take to take a delivery. */
  timeoutMs: number;
  /** Deliveries under way at once, per services instance. */
  concurrency: number;
}

export const DEFAULT_RELAY_SETTINGS: WriteBackRelaySettings = {
  pollMs: 100,
  idlePollMs: 30_000,
  maxAttempts: 8,
  retryBaseMs: 500,
  retryCapMs: 60_000,
  redeliverAfterMs: 10_000,
  redeliverCapMs: 300_000,
  timeoutMs: 5000,
  concurrency: 16,
};

/** The variable of each setting. */
export const RELAY_ENV: Record<keyof WriteBackRelaySettings, string> = {
  pollMs: 'GOVGRAPH_WRITE_BACK_POLL_MS',
  idlePollMs: 'GOVGRAPH_WRITE_BACK_IDLE_POLL_MS',
  maxAttempts: 'GOVGRAPH_WRITE_BACK_MAX_ATTEMPTS',
  retryBaseMs: 'GOVGRAPH_WRITE_BACK_RETRY_MS',
  retryCapMs: 'GOVGRAPH_WRITE_BACK_RETRY_CAP_MS',
  redeliverAfterMs: 'GOVGRAPH_WRITE_BACK_REDELIVER_MS',
  redeliverCapMs: 'GOVGRAPH_WRITE_BACK_REDELIVER_CAP_MS',
  timeoutMs: 'GOVGRAPH_WRITE_BACK_TIMEOUT_MS',
  concurrency: 'GOVGRAPH_WRITE_BACK_CONCURRENCY',
};

/** The defaults, with what the environment sets; a value that is not a whole number of at least 1 stops start-up naming its variable. */
export function relaySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): WriteBackRelaySettings {
  const settings = { ...DEFAULT_RELAY_SETTINGS };
  for (const [key, name] of Object.entries(RELAY_ENV) as [keyof WriteBackRelaySettings, string][]) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${name}='${value.slice(0, 32)}': expected a whole number of at least 1`);
    settings[key] = Number(value);
  }
  return settings;
}

/** The delay before retry `attempts + 1` after a failed delivery: doubling from the base, capped, with jitter (half fixed, half random). */
export function retryDelayMs(settings: WriteBackRelaySettings, attempts: number, random: () => number = Math.random): number {
  const delay = Math.min(settings.retryCapMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(delay / 2 + (random() * delay) / 2);
}

/** How long publication number `attempts` waits for its outcome before the next. */
export function redeliverDelayMs(settings: WriteBackRelaySettings, attempts: number): number {
  return Math.min(Math.max(settings.redeliverCapMs, settings.redeliverAfterMs), settings.redeliverAfterMs * 2 ** Math.max(0, attempts - 1));
}
