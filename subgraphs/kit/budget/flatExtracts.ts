/**
 * The answers of statistical extracts (`statisticsExtract`): flat lists of cells whose
 * fields are all leaves, as long as the department's table or its groups, never growing as
 * items^depth. `limitResultSize` counts such a list as one item, so an extract of a large
 * registry is not refused as a deeply nested answer would be; what bounds it is the
 * department's data and its statement timeout.
 */
const flat = new WeakSet<readonly unknown[]>();

export function markFlatExtract<T>(rows: T[]): T[] {
  flat.add(rows);
  return rows;
}

export function isFlatExtract(value: unknown): boolean {
  return Array.isArray(value) && flat.has(value);
}
