import type { PolicySet } from '../engine/types';
import type { GrantIndex } from './GrantIndex';
import { withGrants } from './withGrants';

/**
 * The policy set a request is decided with: the files' policies with the grants in force
 * laid over them, rebuilt only when either is replaced (a reload, a publish), so that
 * asking per request costs two identity checks.
 */
export function effectivePolicies(policies: () => PolicySet, grants: () => GrantIndex): () => PolicySet {
  let lastPolicies: PolicySet | undefined;
  let lastGrants: GrantIndex | undefined;
  let effective: PolicySet | undefined;
  return () => {
    const p = policies();
    const g = grants();
    if (p !== lastPolicies || g !== lastGrants || !effective) {
      effective = withGrants(p, g);
      lastPolicies = p;
      lastGrants = g;
    }
    return effective;
  };
}
