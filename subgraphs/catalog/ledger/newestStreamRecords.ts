import type Redis from 'ioredis';
import { CLOCK_SLACK_MS, lineOfEntry, matchesAuditQuery, parseRecordLine, type AuditQuery, type AuditRecord } from '../../../gateway/audit';

/**
 * `queryStream` newest first: the stream's entries from the query's end back to its start (a
 * day's slack either side, as `queryStream` reads: entry ids are Redis's clock, record times the
 * gateway's), a page at a time, so that a caller who needs only the newest few stops early.
 */
export async function* newestStreamRecords(redis: Redis, stream: string, query: AuditQuery, onUnreadable?: (where: string) => void, pageSize = 200): AsyncGenerator<AuditRecord> {
  const start = String(Math.max(0, query.since.getTime() - CLOCK_SLACK_MS));
  let end = query.until ? String(query.until.getTime() + CLOCK_SLACK_MS) : '+';
  for (;;) {
    const page = await redis.xrevrange(stream, end, start, 'COUNT', pageSize);
    for (const [id, fields] of page) {
      const record = parseRecordLine(lineOfEntry(fields));
      if (!record) onUnreadable?.(`${stream} entry ${id}`);
      else if (matchesAuditQuery(record, query)) yield record;
    }
    if (page.length < pageSize) return;
    end = `(${page[page.length - 1][0]}`;
  }
}
