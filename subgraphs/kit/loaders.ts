import DataLoader from 'dataloader';

/** SQLite accepts at most 32,766 bound parameters; keep batches well below. */
const MAX_BATCH = 500;

/**
 * A per-request loader of one record per key: `fetch` runs one SQL statement for a whole
 * batch of keys, and the loader puts the rows back in key order (null when missing).
 */
export function createEntityLoader<K extends string, Row>(fetch: (keys: readonly K[]) => Promise<Row[]>, keyOf: (row: Row) => K): DataLoader<K, Row | null> {
  return new DataLoader<K, Row | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map(rows.map((row) => [keyOf(row), row]));
      return keys.map((key) => byKey.get(key) ?? null);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/**
 * A per-request loader of the rows related to each key (a one-to-many relation): one SQL
 * statement per batch, rows grouped by `groupOf`, an empty list for keys without rows.
 */
export function createGroupLoader<K extends string, Row>(fetch: (keys: readonly K[]) => Promise<Row[]>, groupOf: (row: Row) => K): DataLoader<K, Row[]> {
  return new DataLoader<K, Row[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const groups = new Map<K, Row[]>();
      for (const row of rows) {
        const key = groupOf(row);
        const group = groups.get(key);
        if (group) group.push(row);
        else groups.set(key, [row]);
      }
      return keys.map((key) => groups.get(key) ?? []);
    },
    { maxBatchSize: MAX_BATCH },
  );
}
