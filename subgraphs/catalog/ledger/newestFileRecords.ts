import path from 'node:path';
import { auditFilesFor, matchesAuditQuery, parseRecordLine, type AuditQuery, type AuditRecord } from '../../../gateway/audit';
import { readLinesBackwards } from './readLinesBackwards';

/**
 * `queryLedger` newest first: the day files the query covers from the newest back, each read
 * from its end, so that a caller who needs only the newest few stops early. `onUnreadable`
 * is told of lines that are not records.
 */
export async function* newestFileRecords(dir: string, query: AuditQuery, onUnreadable?: (where: string) => void): AsyncGenerator<AuditRecord> {
  for (const file of auditFilesFor(dir, query).reverse()) {
    for await (const line of readLinesBackwards(path.join(dir, file))) {
      const record = parseRecordLine(line);
      if (!record) onUnreadable?.(file);
      else if (matchesAuditQuery(record, query)) yield record;
    }
  }
}
