import { signDetached, type SigningKey } from '../signing';
import type { GrantSnapshot } from './types';

/** The `typ` of a snapshot's signature header: a signature made for something else is not one. */
export const GRANT_SIGNATURE_TYPE = 'govgraph-grants+jws';

/** Every object's keys in sorted order (a `JSON.stringify` replacer): one spelling per value, whatever order it was stored in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The bytes a snapshot's signature covers: its version and every field of every grant (those
 * a follower does not know yet too), as JSON with sorted keys. Verifiers rebuild them from
 * what they read, so a change to any of them — a grant added, a date moved, the version
 * claimed — breaks the signature, and nothing depends on how the JSON was stored.
 */
export function signedGrantContent(snapshot: GrantSnapshot): Uint8Array {
  return Buffer.from(JSON.stringify({ version: snapshot.version, grants: snapshot.grants }, sortedKeys));
}

/** Signs a snapshot with the catalog's key: a detached compact JWS (`signDetached`), stored in its `signature` field. */
export function signGrantSnapshot(snapshot: GrantSnapshot, key: SigningKey): Promise<string> {
  return signDetached(signedGrantContent(snapshot), key, GRANT_SIGNATURE_TYPE);
}
