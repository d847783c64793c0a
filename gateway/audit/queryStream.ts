import type Redis from 'ioredis';
import type { AuditRecord } from './AuditRecord';
import { parseRecordLine } from './parseRecordLine';
import { matchesAuditQuery, type AuditQuery } from './queryLedger';
import { readStreamLines } from './readStreamLines';

/**
 * Entry ids are Redis's clock when the entry was added, record times the gateway's when it
 * was sealed: the entries read reach a day beyond the query's times on either side, in
 * case the clocks disagree, and each record is matched by its own time.
 */
export const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;

/** `queryLedger` for a Redis stream: the records matching `query`, in stream order. */
export async function* queryStream(redis: Redis, stream: string, query: AuditQuery, onUnreadable?: (where: string) => void): AsyncGenerator<AuditRecord> {
  const end = query.until ? query.until.getTime() + CLOCK_SLACK_MS : Infinity;
  for await (const item of readStreamLines(redis, stream, String(Math.max(0, query.since.getTime() - CLOCK_SLACK_MS)))) {
    if (Number(item.id!.split('-')[0]) > end) return;
    const record = parseRecordLine(item.text);
    if (!record) onUnreadable?.(`${stream} entry ${item.id}`);
    else if (matchesAuditQuery(record, query)) yield record;
  }
}
