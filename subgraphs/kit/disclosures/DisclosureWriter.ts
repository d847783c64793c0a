import type { Kysely } from 'kysely';
import { insertInChunks } from '../database/insertInChunks';
import { DISCLOSURES_TABLE, type NewDisclosureRow } from './disclosuresTable';

/** Stores one request's disclosures, all or none; throws when it cannot. */
export interface DisclosureWriter {
  write(rows: readonly NewDisclosureRow[]): Promise<void>;
}

/** Rows per INSERT statement (14 columns each: well below both databases' parameter limits). */
const ROWS_PER_STATEMENT = 500;

/** Writes into the department's own `kit_disclosures` table: one INSERT per request (in a transaction when it takes several). */
export function databaseDisclosureWriter(db: Kysely<any>): DisclosureWriter {
  return {
    async write(rows) {
      if (rows.length === 0) return;
      if (rows.length <= ROWS_PER_STATEMENT) {
        await db
          .insertInto(DISCLOSURES_TABLE)
          .values([...rows])
          .execute();
        return;
      }
      await db.transaction().execute((trx) => insertInChunks(rows, (chunk) => trx.insertInto(DISCLOSURES_TABLE).values(chunk).execute()));
    },
  };
}
