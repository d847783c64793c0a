import type Redis from 'ioredis';
import type { LedgerLine } from './readLedgerLines';

/** The field of a stream entry that holds the record's line. */
export const RECORD_FIELD = 'line';

/**
 * The record line an entry holds: its only field, `line`. Anything else (an entry added by
 * hand with other fields) is returned as its fields' JSON, which no check takes for a record.
 */
export function lineOfEntry(fields: readonly string[]): string {
  return fields.length === 2 && fields[0] === RECORD_FIELD ? fields[1] : JSON.stringify(fields);
}

/**
 * The entries of an audit stream as ledger lines, in stream order, a page at a time;
 * `from` is the first entry id to read (`-`: from the start).
 */
export async function* readStreamLines(redis: Redis, stream: string, from = '-', pageSize = 1000): AsyncGenerator<LedgerLine> {
  let start = from;
  let line = 0;
  for (;;) {
    const page = await redis.xrange(stream, start, '+', 'COUNT', pageSize);
    for (const [id, fields] of page) yield { file: stream, line: ++line, id, text: lineOfEntry(fields), terminated: true };
    if (page.length < pageSize) return;
    start = `(${page[page.length - 1][0]}`;
  }
}
