import { CODES, requestError, type Identity } from '../../kit';
import type { CatalogContext } from '../context';

const AUDIT_ROLES: readonly string[] = ['auditor', 'officer'];

/**
 * The ledger is read by auditors and officers only. The gateway's policies already say so; this
 * checks it again in the catalog, failing closed: UNAUTHENTICATED without a reader (policies off
 * included), FORBIDDEN for any other role.
 */
export function requireAuditReader(ctx: CatalogContext, action: string): Identity {
  const identity = ctx.identity;
  if (!identity) throw requestError(CODES.UNAUTHENTICATED, `Sign in to ${action}.`, { reason: 'anonymous' });
  if (!identity.roles.some((role) => AUDIT_ROLES.includes(role))) throw requestError(CODES.FORBIDDEN, `Only an auditor or an officer may ${action}.`);
  return identity;
}
