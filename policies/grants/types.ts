import type { SnapshotSource } from '../follow';
import type { PublicSigningKey, SigningKey } from '../signing';

/**
 * Access grants: what an approved access application adds to the policies. The catalog
 * subgraph is their source of truth (its own database); it publishes the current set to a
 * grant store (a watched file in embedded mode, Redis with `REDIS_URL`), which every
 * gateway and subgraph follows. A grant stops at `until` without any action.
 */

export interface AccessGrant {
  /** Stable id, e.g. `G-000012`. */
  id: string;
  /** The application it was approved from. */
  applicationId: string;
  /** The department whose staff may read (the applicant's department). */
  grantee: string;
  /** The department that owns the fields and approved. */
  provider: string;
  /** Field coordinates, e.g. `Person.householdAddress`; all owned by `provider`. */
  coordinates: string[];
  /** The purpose of use the reader must declare (`X-Purpose`). */
  purpose: string;
  /** ISO time the grant ends. */
  until: string;
  /**
   * Bound to a service case: the reader must name an application (`X-Case-Id`) that is
   * ACCEPTED (under review), and reads only the records of that case's parties.
   */
  caseBound: boolean;
  /** `sub` of the officer who approved. */
  approvedBy: string;
  approvedAt: string;
}

/** The grants in force, as published: a version that only grows, the grants, and the catalog's signature over both. */
export interface GrantSnapshot {
  version: number;
  grants: AccessGrant[];
  /** `signGrantSnapshot`'s detached JWS; absent when nothing was published yet, or the store holds what the catalog did not write. */
  signature?: string;
}

/** Where the current grants are published and followed. */
export interface GrantStore {
  readonly description: string;
  /** Where the signed snapshot is kept and watched: what every follower (`follow`, `followGrants`) reads. */
  readonly source: SnapshotSource;
  /** Replaces the published grants: the store assigns the next version, and the snapshot is signed with `signingKey` (the catalog's). */
  publish(grants: AccessGrant[], signingKey: SigningKey): Promise<GrantSnapshot>;
  /** The current snapshot as stored, not verified; `{ version: 0, grants: [] }` when nothing was ever published. */
  read(): Promise<GrantSnapshot>;
  /**
   * Calls `onChange` with each newer snapshot signed with `publicKey`'s private half (and once
   * at start with the current one). A snapshot that is not, or is older than the one passed on
   * last (a replay), is reported to `onError` as a `GrantSnapshotRefused`; a store that cannot
   * be read, as an Error, once an outage. Either way the last good snapshot stays. Returns a stop function.
   */
  follow(publicKey: PublicSigningKey, onChange: (snapshot: GrantSnapshot) => void, onError?: (error: Error) => void): () => void;
  close(): Promise<void>;
}
