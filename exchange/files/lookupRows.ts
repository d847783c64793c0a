import type { Kysely } from 'kysely';
import type { SourceRecord } from '../ExchangeSource';
import type { FilesTables } from './filesTables';

/** Keys per statement: one statement sees one version; a larger batch pins the version first. */
const KEYS_PER_STATEMENT = 1000;

/**
 * The current version's records of `dataset` for `keys`, by key, in file order; every key
 * asked is in the map (an empty list when the version has no record for it). A batch of up
 * to 1,000 keys is one statement that joins the version pointer, so it reads one version
 * whatever a load commits meanwhile. A larger batch reads the pointer once and then asks
 * for that version by number, in chunks (the previous version is kept for such readers).
 */
export async function lookupRows(db: Kysely<FilesTables>, dataset: string, keys: readonly string[]): Promise<Map<string, SourceRecord[]>> {
  const unique = [...new Set(keys)];
  const found = new Map<string, SourceRecord[]>(unique.map((key) => [key, []]));
  if (unique.length === 0) return found;
  let rows: { key: string; record: string }[];
  if (unique.length <= KEYS_PER_STATEMENT) {
    rows = await db
      .selectFrom('files_rows as r')
      .innerJoin('files_versions as v', (join) => join.onRef('v.dataset', '=', 'r.dataset').onRef('v.version', '=', 'r.version'))
      .select(['r.key', 'r.record'])
      .where('r.dataset', '=', dataset)
      .where('r.key', 'in', unique)
      .orderBy('r.position')
      .execute();
  } else {
    const current = await db.selectFrom('files_versions').select('version').where('dataset', '=', dataset).executeTakeFirst();
    rows = [];
    for (let i = 0; current && i < unique.length; i += KEYS_PER_STATEMENT) {
      const chunk = unique.slice(i, i + KEYS_PER_STATEMENT);
      rows.push(
        ...(await db
          .selectFrom('files_rows')
          .select(['key', 'record'])
          .where('dataset', '=', dataset)
          .where('version', '=', current.version)
          .where('key', 'in', chunk)
          .orderBy('position')
          .execute()),
      );
    }
  }
  for (const row of rows) found.get(row.key)?.push(JSON.parse(row.record) as SourceRecord);
  return found;
}
