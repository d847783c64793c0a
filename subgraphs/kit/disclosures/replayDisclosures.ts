import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DisclosureReplayClaims } from '../../../schema/contracts/gatewayToken';
import { readerColumnsOf } from './disclosureRowsOf';
import { DISCLOSURES_TABLE, type DisclosuresTable } from './disclosuresTable';

/**
 * Copies, in one INSERT … SELECT, the department's disclosures of the request `replayOf` for
 * the reader the gateway answered from its cache (`claims`: the new request id, reader,
 * purpose and case): the same records, fields and masking, stamped `at`, `from_cache` 1 and
 * `cached_from` the request reused. Each row is copied once per new request (a unique index
 * over `request_id` and `cached_row_id`), so asking again, or twice at once, copies nothing
 * more. Returns how many rows were copied; throws when the database refuses.
 */
export async function replayDisclosures(db: Kysely<any>, claims: DisclosureReplayClaims, at: Date): Promise<number> {
  const reader = readerColumnsOf(claims);
  // Each column of a copy, by name: stamped for the new request, or the original row's.
  const copy: Record<Exclude<keyof DisclosuresTable, 'id'>, RawBuilder<unknown>> = {
    disclosed_at: sql.val(at.toISOString()),
    request_id: sql.val(reader.request_id),
    department: sql.ref('department'),
    record_type: sql.ref('record_type'),
    record_key: sql.ref('record_key'),
    subject: sql.ref('subject'),
    reader_sub: sql.val(reader.reader_sub),
    reader_roles: sql.val(reader.reader_roles),
    reader_dept: sql.val(reader.reader_dept),
    purpose: sql.val(reader.purpose),
    case_id: sql.val(reader.case_id),
    masked: sql.ref('masked'),
    fields: sql.ref('fields'),
    from_cache: sql.lit(1),
    cached_from: sql.val(claims.replayOf),
    cached_row_id: sql.ref('id'),
    action: sql.ref('action'),
  };
  const result = await db
    .insertInto(DISCLOSURES_TABLE)
    .columns(Object.keys(copy))
    .expression(
      db
        .selectFrom(DISCLOSURES_TABLE)
        .select(Object.entries(copy).map(([name, value]) => value.as(name)))
        .where('request_id', '=', claims.replayOf),
    )
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}
