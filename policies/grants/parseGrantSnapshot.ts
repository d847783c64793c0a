import { z } from 'zod';
import type { AccessGrant, GrantSnapshot } from './types';

const isoTime = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'an ISO 8601 time');

/** Fields a follower needs; a publisher may add more, which are kept. */
const grantShape = z.looseObject({
  id: z.string().min(1),
  applicationId: z.string().min(1),
  grantee: z.string().min(1),
  provider: z.string().min(1),
  coordinates: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/, 'a field coordinate such as Person.phone')).min(1),
  purpose: z.string().min(1),
  until: isoTime,
  caseBound: z.boolean(),
  approvedBy: z.string().min(1),
  approvedAt: isoTime,
});

const snapshotShape = z.object({
  version: z.number().int().nonnegative(),
  grants: z.array(grantShape),
  signature: z.string().optional(),
});

/**
 * A published snapshot, checked: a follower never puts in force something it cannot read
 * whole. Throws an Error naming `source` and the first problem. Whether the catalog signed it
 * is `verifyGrantSnapshot`'s question.
 */
export function parseGrantSnapshot(text: string, source: string): GrantSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: the published grants are not JSON (${(error as Error).message})`);
  }
  const parsed = snapshotShape.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${source}: the published grants are malformed at ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  const { version, grants, signature } = parsed.data;
  return { version, grants: grants as AccessGrant[], ...(signature !== undefined && { signature }) };
}

/** Nothing was ever published. */
export const EMPTY_SNAPSHOT: GrantSnapshot = Object.freeze({ version: 0, grants: Object.freeze([]) as unknown as AccessGrant[] });
