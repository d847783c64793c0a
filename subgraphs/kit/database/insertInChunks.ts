/** Rows per INSERT: well below SQLite's and PostgreSQL's bound-parameter limits for wide tables. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts many rows with one multi-row INSERT per chunk (run it inside a transaction):
 * `insertInChunks(rows, (chunk) => trx.insertInto('persons').values(chunk).execute())`.
 */
export async function insertInChunks<Row>(rows: readonly Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await insert(rows.slice(i, i + ROWS_PER_STATEMENT));
}
