/**
 * Marks a type whose records carry no owner of their own (an application's events, its
 * feedback): each record belongs to whoever owns the record it was reached from
 * (`Application.events` → the application's applicant). Used as `owners: { ApplicationEvent: inheritOwner }`.
 *
 * Why inherit rather than deny: a `self` rule on such a type means "the reader's own
 * application's history", and denying would make that rule silently dead. A record
 * reached from two records with different owners in one request is owned by no one.
 */
export function inheritOwner(_parent: unknown): string | null {
  // Never called for its value: the kit recognises this function and looks up the owner
  // recorded when the record was resolved.
  return null;
}
