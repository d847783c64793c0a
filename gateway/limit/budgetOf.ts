/**
 * A reader's cost budget: the largest of their roles' (`default` for a role not named),
 * `anonymous` without a token. A staff member with several roles is not held to the
 * smallest of them.
 */
export function budgetOf(roles: readonly string[] | null, budgets: Readonly<Record<string, number>>): number {
  if (roles === null) return budgets.anonymous;
  if (roles.length === 0) return budgets.default;
  return Math.max(...roles.map((role) => (Object.hasOwn(budgets, role) ? budgets[role] : budgets.default)));
}
