import type { Identity } from '../../policies';

/**
 * The identities of tokens that verified, by the exact token string (signature included),
 * so a token sent again is not verified again. Only successes are kept; an entry is served
 * until the token's `exp` (without the clock tolerance verification allows) and at most
 * `maxAgeMs` after it verified, so a key withdrawn from a JWKS stops being honoured soon.
 * Each hit returns a copy: no request can change what another one reads.
 */
export interface VerifiedTokens {
  get(token: string, nowMs?: number): Identity | undefined;
  set(token: string, identity: Identity, expSeconds: number, nowMs?: number): void;
  readonly size: number;
}

export interface VerifiedTokensOptions {
  /** Most tokens kept; the oldest goes first. */
  max?: number;
  maxAgeMs?: number;
}

interface Entry {
  identity: Identity;
  untilMs: number;
}

const copyOf = (identity: Identity): Identity => ({ ...identity, roles: [...identity.roles] });

export function createVerifiedTokens({ max = 10_000, maxAgeMs = 60_000 }: VerifiedTokensOptions = {}): VerifiedTokens {
  const entries = new Map<string, Entry>();
  return {
    get(token, nowMs = Date.now()) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      if (nowMs >= entry.untilMs) {
        entries.delete(token);
        return undefined;
      }
      return copyOf(entry.identity);
    },
    set(token, identity, expSeconds, nowMs = Date.now()) {
      const untilMs = Math.min(expSeconds * 1000, nowMs + maxAgeMs);
      if (!(untilMs > nowMs)) return;
      entries.delete(token);
      if (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(token, { identity: copyOf(identity), untilMs });
    },
    get size() {
      return entries.size;
    },
  };
}
