import type { AuditRecord } from './AuditRecord';
import { dayOfAuditFile, listAuditFiles } from './auditFiles';
import { parseRecordLine } from './parseRecordLine';
import { readLedgerLines } from './readLedgerLines';

export interface AuditQuery {
  /**
   * A person or record, as any of these values (a resident ID number and its ledger
   * pseudonym, `auditPseudonym`): matches a record whose reader's `sub` is one, or whose
   * `keys` (the ID arguments the request gave, literal or in variables) include one.
   */
  subjects?: readonly string[];
  /** Records chained at or after this time. */
  since: Date;
  /** Records chained before this time. */
  until?: Date;
  purpose?: string;
  /** A field coordinate (`Person.phone`) the request selected (or a write-back wrote), whatever was decided for it. */
  coordinate?: string;
  /** A department the request fetched from (or a write-back wrote to). */
  department?: string;
}

export function matchesAuditQuery(record: AuditRecord, query: AuditQuery): boolean {
  const time = Date.parse(record.time);
  if (time < query.since.getTime()) return false;
  if (query.until && time >= query.until.getTime()) return false;
  if (query.subjects !== undefined && !query.subjects.some((subject) => record.identity?.sub === subject || record.keys.includes(subject))) return false;
  if (query.purpose !== undefined && record.purpose !== query.purpose) return false;
  if (query.coordinate !== undefined && !record.decisions.some((decision) => decision.coordinate === query.coordinate)) return false;
  if (query.department !== undefined && !record.subgraphs.includes(query.department)) return false;
  return true;
}

/**
 * The records as they come, each write-back once: a gateway that stopped between storing a
 * write-back's record and noting it records it again (the same request id, the event's), and
 * the later copies are left out. `onRepeat` is told of each copy left out.
 */
export async function* onceEachWriteBack(records: AsyncIterable<AuditRecord>, onRepeat?: (record: AuditRecord) => void): AsyncGenerator<AuditRecord> {
  const seen = new Set<string>();
  for await (const record of records) {
    if (record.operation.type === 'write-back') {
      if (seen.has(record.requestId)) {
        onRepeat?.(record);
        continue;
      }
      seen.add(record.requestId);
    }
    yield record;
  }
}

/** The audit files of `dir` that can hold records of the query's time span (one file per UTC day), in ledger order. */
export function auditFilesFor(dir: string, query: Pick<AuditQuery, 'since' | 'until'>): string[] {
  const firstDay = query.since.toISOString().slice(0, 10);
  const lastDay = query.until?.toISOString().slice(0, 10);
  return listAuditFiles(dir).filter((file) => {
    const day = dayOfAuditFile(file) ?? '';
    return day >= firstDay && (!lastDay || day <= lastDay);
  });
}

/** The records matching `query`, in ledger order, reading only the days it covers. `onUnreadable` is told of lines that are not records. */
export async function* queryLedger(dir: string, query: AuditQuery, onUnreadable?: (where: string) => void): AsyncGenerator<AuditRecord> {
  const files = auditFilesFor(dir, query);
  for await (const item of readLedgerLines(dir, files)) {
    const record = parseRecordLine(item.text);
    if (!record) onUnreadable?.(`${item.file}:${item.line}`);
    else if (matchesAuditQuery(record, query)) yield record;
  }
}
