import type { CatalogContext } from '../context';
import { describedReader, type ReaderInput } from './describedReader';
import { explainFor, type AccessExplanationRecord } from './explainFor';
import { requireRoles } from './requireRoles';

export interface ExplainAccessArgs {
  query: string;
  reader: ReaderInput;
  purpose?: string | null;
  caseId?: string | null;
}

/** Who may explain access for a reader other than themselves. */
export const EXPLAINERS: readonly string[] = ['officer', 'auditor'];

/**
 * `Query.explainAccess`: what `explainMyAccess` gives, for a reader, purpose and case an
 * officer or auditor describes (`describedReader`), as `policy explain --as --purpose`
 * gives it, with the access grants in force for the reader's department laid over.
 */
export function explainAccess(ctx: CatalogContext, args: ExplainAccessArgs): Promise<AccessExplanationRecord> {
  requireRoles(ctx, EXPLAINERS, "explain another reader's access");
  const reader = describedReader(args.reader, args.purpose, args.caseId, ctx.services.catalog.policies());
  return explainFor(ctx, args.query, reader);
}
