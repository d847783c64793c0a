import type { JWTPayload } from 'jose';
import { z } from 'zod';
import type { Identity } from '../../policies';

const CLAIMS = z.object({
  sub: z.string().min(1),
  roles: z.array(z.string().min(1)),
  // Citizens belong to no department: the claim is present and null.
  dept: z.string().min(1).nullable(),
  clearance: z.number().int().min(1).max(4),
});

/** The identity a verified token names, or null when its claims are not the ones govgraph needs. */
export function identityFromClaims(payload: JWTPayload): Identity | null {
  const parsed = CLAIMS.safeParse(payload);
  if (!parsed.success) return null;
  const { sub, roles, dept, clearance } = parsed.data;
  return { sub, roles, dept, clearance };
}
