import type { Kysely } from 'kysely';
import type { FilesTables } from './filesTables';

/**
 * The distinct non-empty values of `column` in the current version of `dataset`. Records are
 * stored as JSON text, so every row of the version is read and parsed here.
 */
export async function distinctColumnValues(db: Kysely<FilesTables>, dataset: string, column: string): Promise<unknown[]> {
  const rows = await db
    .selectFrom('files_rows as r')
    .innerJoin('files_versions as v', (join) => join.onRef('v.dataset', '=', 'r.dataset').onRef('v.version', '=', 'r.version'))
    .select('r.record')
    .where('r.dataset', '=', dataset)
    .execute();
  const values = new Set<unknown>();
  for (const row of rows) {
    const value = (JSON.parse(row.record) as Record<string, unknown>)[column];
    if (value !== null && value !== undefined) values.add(value);
  }
  return [...values];
}
