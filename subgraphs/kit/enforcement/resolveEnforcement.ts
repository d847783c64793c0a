import type { KeyLike } from 'jose';
import type { Logger } from 'pino';
import { applyMask, type PolicySet } from '../../../policies';
import { GrantIndex } from '../../../policies/grants';
import { keysDir, loadGatewayPublicKey } from '../../../schema/contracts/gatewayToken';
import { isProductionMode } from '../../../schema/contracts/productionMode';
import { loadDefaultPolicies } from './loadDefaultPolicies';
import type { ApplyMask } from './maskMiddleware';

/** How a subgraph guards itself: fully, or (benchmarks only) not at all. */
export type Enforcement =
  | {
      kind: 'on';
      publicKey: KeyLike;
      /** The policy files' set in force (a reload or a publish replaces it). */
      policies: PolicySet;
      /** The access grants in force (each publish replaces them). */
      grants: GrantIndex;
      applyMask: ApplyMask;
    }
  | { kind: 'off' };

export interface EnforcementOptions {
  gatewayPublicKey?: KeyLike;
  /** A loaded set, a directory of policy files, or 'off'; defaults to `policies/`. */
  policies?: PolicySet | 'off' | { dir: string };
  applyMask?: ApplyMask;
  dataDir?: string;
}

/**
 * Settles, before anything else starts, what the subgraph enforces. Every failure stops
 * start-up with a message saying how to fix it: a subgraph never starts open by accident.
 */
export async function resolveEnforcement(department: string, options: EnforcementOptions, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Enforcement> {
  if (options.policies === 'off') {
    if (isProductionMode(env)) {
      throw new Error(`${department}: policies 'off' is refused in production (NODE_ENV or GOVGRAPH_MODE is production); unset GOVGRAPH_POLICIES`);
    }
    log.warn(
      { department },
      `POLICIES OFF: ${department} accepts requests WITHOUT a gateway token and enforces NO field policy. For benchmarks only; never expose this port.`,
    );
    return { kind: 'off' };
  }
  let publicKey: KeyLike;
  try {
    publicKey = options.gatewayPublicKey ?? (await loadGatewayPublicKey(keysDir(options.dataDir)));
  } catch (error) {
    throw new Error(`${department}: ${(error as Error).message}`);
  }
  const policies = options.policies === undefined || 'dir' in options.policies ? loadDefaultPolicies(department, options.policies?.dir) : options.policies;
  return { kind: 'on', publicKey, policies, grants: GrantIndex.EMPTY, applyMask: options.applyMask ?? applyMask };
}
