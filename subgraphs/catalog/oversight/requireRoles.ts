import type { Identity } from '../../../policies';
import { CODES, requestError } from '../../kit';
import type { CatalogContext } from '../context';

/**
 * The caller, who must hold one of `roles` (officer, auditor): UNAUTHENTICATED without a
 * token, FORBIDDEN otherwise. The gateway's policies turn others away first; this is the
 * catalog's own check, so that the officers' tools stay closed should a rule be loosened.
 */
export function requireRoles(ctx: CatalogContext, roles: readonly string[], action: string): Identity {
  const identity = ctx.identity;
  if (!identity) throw requestError(CODES.UNAUTHENTICATED, `Sign in to ${action}.`, { reason: 'anonymous' });
  if (!identity.roles.some((role) => roles.includes(role))) {
    throw requestError(CODES.FORBIDDEN, `Only ${roles.map((role) => `${role}s`).join(' and ')} may ${action}.`);
  }
  return identity;
}
