import type { FieldDecision } from '../../policies';
import { caseRequiredHint } from '../../policies/grants';

/**
 * For the coordinates a case-bound grant of the reader's department would open had the
 * request named a service case: the sentence FORBIDDEN carries to say so.
 */
export function whyDeniedOf(decisions: readonly FieldDecision[]): ReadonlyMap<string, string> {
  const why = new Map<string, string>();
  for (const decision of decisions) {
    if (decision.caseRequiredBy) why.set(decision.coordinate, caseRequiredHint(decision.caseRequiredBy));
  }
  return why;
}
