import path from 'node:path';
import type { Logger } from 'pino';
import { applyMask, type PolicySet } from '../../../policies';
import { GrantIndex } from '../../../policies/grants';
import { keysDir, loadGatewayVerificationKeys, type GatewayVerificationKeys } from '../../../schema/contracts/gatewayToken';
import type { KeyEnv } from '../../../schema/contracts/keys/loadKeyMaterial';
import { isProductionMode } from '../../../schema/contracts/productionMode';
import { loadDefaultPolicies } from './loadDefaultPolicies';
import type { ApplyMask } from './maskMiddleware';

/** How a subgraph guards itself: fully, or (benchmarks only) not at all. */
export type Enforcement =
  | {
      kind: 'on';
      /** The gateway's keys, picked by each token's kid. */
      gatewayKeys: GatewayVerificationKeys;
      /** The policy files' set in force (a reload or a publish replaces it). */
      policies: PolicySet;
      /** The access grants in force (each publish replaces them). */
      grants: GrantIndex;
      applyMask: ApplyMask;
    }
  | { kind: 'off' };

export interface EnforcementOptions {
  gatewayKeys?: GatewayVerificationKeys;
  /** A loaded set, a directory of policy files, or 'off'; defaults to `policies/`. */
  policies?: PolicySet | 'off' | { dir: string };
  applyMask?: ApplyMask;
  dataDir?: string;
}

/**
 * Settles, before anything else starts, what the subgraph enforces. Every failure stops
 * start-up with a message saying how to fix it: a subgraph never starts open by accident.
 * `env` is the department's environment (the gateway's keys, production mode).
 */
export async function resolveEnforcement(department: string, options: EnforcementOptions, log: Logger, env: KeyEnv): Promise<Enforcement> {
  const production = isProductionMode(env);
  if (options.policies === 'off') {
    if (production) {
      throw new Error(`${department}: policies 'off' is refused in production (NODE_ENV or GOVGRAPH_MODE is production); unset GOVGRAPH_POLICIES`);
    }
    log.warn({ department }, `POLICIES OFF: ${department} accepts requests WITHOUT a gateway token and enforces NO field policy. For benchmarks only; never expose this port.`);
    return { kind: 'off' };
  }
  let gatewayKeys: GatewayVerificationKeys;
  try {
    gatewayKeys = options.gatewayKeys ?? (await loadGatewayVerificationKeys({ env, dir: keysDir(path.resolve(options.dataDir ?? '.data')), production }));
  } catch (error) {
    throw new Error(`${department}: ${(error as Error).message}`);
  }
  const policies = options.policies === undefined || 'dir' in options.policies ? loadDefaultPolicies(department, options.policies?.dir) : options.policies;
  return { kind: 'on', gatewayKeys, policies, grants: GrantIndex.EMPTY, applyMask: options.applyMask ?? applyMask };
}
