/**
 * Why a field stays closed to a reader whose department holds a case-bound grant for it but
 * who named no service case: the sentence the gateway and the departments add to FORBIDDEN.
 */
export function caseRequiredHint(grantId: string): string {
  return `grant ${grantId} is bound to a service case: name the case in the X-Case-Id header`;
}
