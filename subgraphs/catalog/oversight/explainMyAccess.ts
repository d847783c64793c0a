import type { CatalogContext } from '../context';
import { explainFor, type AccessExplanationRecord } from './explainFor';

/**
 * `Query.explainMyAccess`: for an operation the caller is about to send, what the policies
 * give them field by field, for the purpose and case this request declares — what
 * `myAccess` says of every field, for the fields of this operation and where it selects them.
 */
export function explainMyAccess(ctx: CatalogContext, query: string): Promise<AccessExplanationRecord> {
  return explainFor(ctx, query, { identity: ctx.identity, purpose: ctx.purpose, caseId: ctx.caseId });
}
