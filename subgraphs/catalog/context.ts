import type { DepartmentContext, Identity } from '../kit';
import { CODES, requestError } from '../kit';
import type { CatalogDatabase } from './database';
import type { CatalogLoaders } from './loaders';
import type { CatalogServices } from './startCatalogServices';

export type CatalogContext = DepartmentContext<CatalogDatabase, CatalogLoaders, CatalogServices>;

/** A staff member: signed in, working for a department. */
export type Staff = Identity & { dept: string };

/**
 * The caller, who must be staff of a department: UNAUTHENTICATED without a token (the
 * gateway's policies already turn anonymous callers away), FORBIDDEN for citizens.
 */
export function requireStaff(ctx: CatalogContext, action: string): Staff {
  const identity = ctx.identity;
  if (!identity) throw requestError(CODES.UNAUTHENTICATED, `Sign in to ${action}.`, { reason: 'anonymous' });
  if (!identity.dept) throw requestError(CODES.FORBIDDEN, `Only staff of a department may ${action}.`);
  return identity as Staff;
}

export const isOfficerOf = (identity: Identity, department: string): boolean => identity.roles.includes('officer') && identity.dept === department;

/** FORBIDDEN unless the caller is an officer of `department`. */
export function requireOfficerOf(ctx: CatalogContext, department: string, action: string): Staff {
  const staff = requireStaff(ctx, action);
  if (!isOfficerOf(staff, department)) {
    throw requestError(CODES.FORBIDDEN, `Only an officer of ${department}, the providing department, may ${action}.`, { department });
  }
  return staff;
}
