import type Redis from 'ioredis';
import { parseHead } from './FileAuditSink';
import { auditStreamKeys } from './RedisAuditSink';
import { readStreamLines } from './readStreamLines';
import { verifyLedgerLines, type LedgerVerification } from './verifyLedger';

export interface VerifyStreamOptions {
  /** Start at this entry id (`1764230400000-0`) or time (ISO, by the stream's entry ids): its first record is taken as given. */
  from?: string;
}

/**
 * `verifyLedger` for a Redis stream: every record's hash and signature, the chain, and the
 * head kept beside the stream (so that entries removed from the end show). The head is read
 * first, so that records a gateway appends meanwhile do not look like a mismatch.
 */
export async function verifyStream(redis: Redis, stream: string, key: Uint8Array, options: VerifyStreamOptions = {}): Promise<LedgerVerification> {
  const keys = auditStreamKeys(stream);
  const headText = await redis.get(keys.head);
  const stored = headText === null ? null : (parseHead(headText) ?? 'unreadable');
  const lines = readStreamLines(redis, stream, streamIdFrom(options.from));
  return verifyLedgerLines(lines, stored, key, { fromStart: options.from === undefined, files: [stream], headName: keys.head });
}

/** The first entry id to read for `--from`: an entry id as it is, a time as its milliseconds. */
export function streamIdFrom(from: string | undefined): string {
  if (from === undefined) return '-';
  if (/^\d+(-\d+)?$/.test(from)) return from;
  const time = Date.parse(from);
  if (Number.isNaN(time)) throw new Error(`--from ${from}: expected a stream entry id (1764230400000-0) or an ISO time (2026-11-27)`);
  return String(time);
}
