import type { AccessGrant, GrantSnapshot } from './types';

/** The grants that could widen one reader's access to one field: the best open one and the best case-bound one. */
export interface ApplicableGrants {
  open?: AccessGrant;
  caseBound?: AccessGrant;
}

const NONE: ApplicableGrants = Object.freeze({});

/**
 * The grants in force, indexed by (grantee department, purpose, coordinate). Built once per
 * published snapshot; asking is a map lookup plus an expiry check, so a grant stops at its
 * `until` on the next request, with nobody acting.
 */
export class GrantIndex {
  static readonly EMPTY = new GrantIndex({ version: 0, grants: [] });

  readonly version: number;
  private readonly byField = new Map<string, AccessGrant[]>();
  private readonly caseBoundReaders = new Set<string>();

  constructor(snapshot: GrantSnapshot) {
    this.version = snapshot.version;
    for (const grant of snapshot.grants) {
      for (const coordinate of grant.coordinates) {
        const key = fieldKey(grant.grantee, grant.purpose, coordinate);
        const list = this.byField.get(key);
        if (list) list.push(grant);
        else this.byField.set(key, [grant]);
      }
      if (grant.caseBound) this.caseBoundReaders.add(readerKey(grant.grantee, grant.purpose));
    }
  }

  get size(): number {
    return this.byField.size;
  }

  /** The unexpired grants of `coordinate` to readers of `dept` declaring `purpose`, the longest-lasting of each kind. */
  applicable(coordinate: string, dept: string, purpose: string, now: number): ApplicableGrants {
    const list = this.byField.get(fieldKey(dept, purpose, coordinate));
    if (!list) return NONE;
    let open: AccessGrant | undefined;
    let caseBound: AccessGrant | undefined;
    for (const grant of list) {
      if (Date.parse(grant.until) <= now) continue;
      if (grant.caseBound) {
        if (!caseBound || grant.until > caseBound.until) caseBound = grant;
      } else if (!open || grant.until > open.until) {
        open = grant;
      }
    }
    return open || caseBound ? { open, caseBound } : NONE;
  }

  /** True when some case-bound grant (expired or not) names readers of `dept` declaring `purpose`: only then is a case worth looking up. */
  hasCaseBound(dept: string, purpose: string): boolean {
    return this.caseBoundReaders.has(readerKey(dept, purpose));
  }
}

function fieldKey(dept: string, purpose: string, coordinate: string): string {
  return `${dept}\u0000${purpose}\u0000${coordinate}`;
}

function readerKey(dept: string, purpose: string): string {
  return `${dept}\u0000${purpose}`;
}
