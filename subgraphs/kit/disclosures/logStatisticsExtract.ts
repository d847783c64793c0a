import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Kysely } from 'kysely';
import { CODES, requestError } from '../../../schema/contracts/errorCodes';
import { markFlatExtract } from '../budget/flatExtracts';
import { readerColumnsOf, type DisclosureRequest } from './disclosureRowsOf';
import { databaseDisclosureWriter } from './DisclosureWriter';
import { EVERY_RECORD, type NewDisclosureRow } from './disclosuresTable';

/** The fields of a selection set, fragments included, in the order first selected; `__typename` is no value. */
function selectedFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Set<string>): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') into.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) selectedFields(selection.selectionSet, info, into);
    else selectedFields(info.fragments[selection.name.value]?.selectionSet, info, into);
  }
  return into;
}

/** The one disclosure-log row of a statistical extract: every record of `recordType` counted, for the reader and purpose of the request. */
export function statisticsDisclosureRow(request: DisclosureRequest, recordType: string, fields: readonly string[], at: Date): NewDisclosureRow {
  return {
    disclosed_at: at.toISOString(),
    department: request.department,
    record_type: recordType,
    record_key: EVERY_RECORD,
    subject: EVERY_RECORD,
    ...readerColumnsOf(request),
    masked: 0,
    fields: JSON.stringify(fields),
    action: 'statistics',
  };
}

/**
 * Logs a statistical extract (a root field serving cells or rows derived from every record of
 * `recordType`) before its answer leaves the department: ONE row in the department's
 * disclosure log, action `statistics`, key and subject `*`, the fields the request selected,
 * so every resident's log shows that their records were counted, without a row per person.
 * Call it from the extract's resolver once the answer is computed; when the row cannot be
 * written it throws AUDIT_UNAVAILABLE and the extract answers nothing.
 */
export async function logStatisticsExtract(context: DisclosureRequest & { db: Kysely<any> }, recordType: string, info: GraphQLResolveInfo): Promise<void> {
  const fields = [...selectedFields(info.fieldNodes[0]?.selectionSet, info, new Set())];
  try {
    await databaseDisclosureWriter(context.db).write([statisticsDisclosureRow(context, recordType, fields, new Date())]);
  } catch {
    throw requestError(
      CODES.AUDIT_UNAVAILABLE,
      `Department ${context.department} could not record this statistical extract in its disclosure log, so it returned none of it; try again later.`,
      {
        department: context.department,
      },
    );
  }
}

/**
 * What a statistical extract's resolver returns: its `rows` (flat cells of leaf fields), once
 * `logStatisticsExtract` has logged the extract. The result-size limit counts them as one
 * item (`budget/flatExtracts.ts`): an extract is as long as the registry, not nested.
 */
export async function statisticsExtract<T extends object>(context: DisclosureRequest & { db: Kysely<any> }, recordType: string, info: GraphQLResolveInfo, rows: T[]): Promise<T[]> {
  await logStatisticsExtract(context, recordType, info);
  return markFlatExtract(rows);
}
