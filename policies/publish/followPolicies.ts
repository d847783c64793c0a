import type { Logger } from 'pino';
import type { PolicySet } from '../engine/types';
import { watchPolicyDir } from '../engine/watchPolicyDir';
import { followPublishedPolicies } from './followPublishedPolicies';
import type { PolicyChange, PolicyHealth } from './PolicyChange';
import type { PolicyStoreOption } from './PolicyStoreOption';

export interface FollowPoliciesOptions {
  /** Follow the policies published here; the directory is then not watched (the store is the source of truth). */
  store?: PolicyStoreOption;
  /** The policy directory to watch when there is no store; null: none (a set given as such, or watching switched off). */
  dir: string | null;
  supergraphSdl: () => string;
  current: () => PolicySet;
  /** Puts a new set in force; `change` says where it came from (for the audit ledger). */
  apply(policies: PolicySet, change: PolicyChange): void;
  log: Logger;
}

export interface PolicyFollow {
  /** Why the last change was refused, or why the store is unreachable; null when all is well. */
  lastError(): string | null;
  health(): PolicyHealth;
  close(): Promise<void>;
}

/**
 * How an instance keeps its policies current after start-up: from the policy store when it
 * has one, else by watching the policy directory, else not at all. Either way a change that
 * does not load is refused and the last good set stays in force.
 */
export async function followPolicies(options: FollowPoliciesOptions): Promise<PolicyFollow> {
  const { store, dir, log } = options;
  if (store) return followPublishedPolicies({ ...options, store });
  if (dir === null) return { lastError: () => null, health: () => ({ policyVersion: null }), close: async () => {} };
  const watch = watchPolicyDir({
    dir,
    supergraphSdl: options.supergraphSdl,
    current: options.current,
    apply: (policies) => options.apply(policies, { source: 'file', version: null, from: options.current().hash, to: policies.hash, publishedBy: null }),
    log,
  });
  return { lastError: () => watch.lastError(), health: () => ({ policyVersion: null }), close: async () => watch.close() };
}
