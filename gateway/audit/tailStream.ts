import type Redis from 'ioredis';
import type { AuditRecord } from './AuditRecord';
import { parseRecordLine } from './parseRecordLine';
import { lineOfEntry } from './readStreamLines';

/** The last `count` records of a stream (oldest first) and the id of its last entry (`0-0` when empty); entries that are not records are skipped. */
export async function lastStreamRecords(redis: Redis, stream: string, count: number): Promise<{ records: AuditRecord[]; lastId: string }> {
  const newest = await redis.xrevrange(stream, '+', '-', 'COUNT', Math.max(count, 1));
  const records = newest
    .slice(0, count)
    .reverse()
    .map(([, fields]) => parseRecordLine(lineOfEntry(fields)))
    .filter((record): record is AuditRecord => record !== undefined);
  return { records, lastId: newest[0]?.[0] ?? '0-0' };
}

/** Calls `onRecord` for each record added after entry `lastId`, until `signal` aborts (blocking reads of at most `blockMs`). */
export async function followStream(redis: Redis, stream: string, lastId: string, onRecord: (record: AuditRecord) => void, signal: AbortSignal, blockMs = 500): Promise<void> {
  let after = lastId;
  while (!signal.aborted) {
    const reply = await redis.xread('COUNT', 1000, 'BLOCK', blockMs, 'STREAMS', stream, after);
    for (const [id, fields] of reply?.[0]?.[1] ?? []) {
      const record = parseRecordLine(lineOfEntry(fields));
      if (record) onRecord(record);
      after = id;
    }
  }
}
