import { createHash } from 'node:crypto';
import type { RateLimitsConfig } from '../../config';
import type { Reader } from '../../request';
import { clientAddressKey } from './clientAddressKey';
import type { RateCounter } from './RateLimitStore';

/** Which budget refused a request, as `extensions.limit` names it. */
export type RateLimitKind = 'identity' | 'department' | 'anonymous';

export interface KindedCounter extends RateCounter {
  kind: RateLimitKind;
}

/**
 * The budgets a request counts against: a signed-in reader's own (by token `sub`) and their
 * department's (all its staff together; none for a citizen, who has no department); an
 * anonymous caller's client address. Subjects and addresses are hashed into the keys: a
 * citizen's `sub` is their ID number, which has no place in Redis.
 */
export function rateCountersOf(reader: Reader, clientAddress: string, config: RateLimitsConfig, prefix: string): KindedCounter[] {
  const key = (kind: RateLimitKind, id: string) => `${prefix}rate:${kind}:${id}`;
  const { identity } = reader;
  if (!identity) return [{ kind: 'anonymous', key: key('anonymous', digest(clientAddressKey(clientAddress))), limit: config.perAnonymousAddress }];
  const counters: KindedCounter[] = [{ kind: 'identity', key: key('identity', digest(identity.sub)), limit: config.identityBudgets[identity.sub] ?? config.perIdentity }];
  if (identity.dept) counters.push({ kind: 'department', key: key('department', encodeURIComponent(identity.dept)), limit: config.perDepartment });
  return counters;
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
