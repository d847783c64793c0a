import type Redis from 'ioredis';
import { AuditConflict } from './AuditConflict';
import { GENESIS_HASH, type AuditRecord, type SealedHead } from './AuditRecord';
import type { AuditSink, RecoveredLedger } from './AuditSink';
import { connectAuditRedis, redactRedisUrl, type AuditRedisOptions } from './connectAuditRedis';
import { parseHead } from './FileAuditSink';
import { lineOfEntry, RECORD_FIELD } from './readStreamLines';
import { parseRecordLine } from './parseRecordLine';

/** The stream the records go to when none is named (`GOVGRAPH_AUDIT_STREAM`). */
export const DEFAULT_AUDIT_STREAM = 'govgraph:audit';

/** The keys beside the stream: its signed head, and what undoes the last batch if its outcome was unknown. */
export function auditStreamKeys(stream: string): { stream: string; head: string; undo: string } {
  return { stream, head: `${stream}:head`, undo: `${stream}:undo` };
}

const CONFLICT = 'GOVGRAPH_AUDIT_CONFLICT';

/**
 * Appends a batch only where the chain ends now, all in one atomic script: the stored head's
 * hash (or, with no head, the last entry's) must be the batch's first `prev`, else nothing is
 * written and the caller learns where the chain ends. Every check comes before the first
 * write. Also notes how to undo the batch (the head it replaced, its first entry).
 * KEYS: stream, head, undo. ARGV: first prev, head JSON, head hash, the records' lines.
 */
const APPEND_SCRIPT = `
local stored = redis.call('GET', KEYS[2])
local ends
if stored then
  local ok, head = pcall(cjson.decode, stored)
  if not ok or type(head) ~= 'table' or type(head.hash) ~= 'string' then
    return redis.error_reply('GOVGRAPH_AUDIT_HEAD ' .. KEYS[2] .. ' is not a ledger head')
  end
  ends = head.hash
else
  local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
  if #last == 0 then
    ends = '${GENESIS_HASH}'
  else
    local fields = last[1][2]
    local ok, record = pcall(cjson.decode, fields[2] or '')
    if fields[1] ~= '${RECORD_FIELD}' or not ok or type(record) ~= 'table' or type(record.hash) ~= 'string' then
      return redis.error_reply('GOVGRAPH_AUDIT_HEAD the last entry of ' .. KEYS[1] .. ' is not a record')
    end
    ends = record.hash
  end
end
if ends ~= ARGV[1] then
  return redis.error_reply('${CONFLICT} ' .. ends)
end
local first = nil
for i = 4, #ARGV do
  local id = redis.call('XADD', KEYS[1], '*', '${RECORD_FIELD}', ARGV[i])
  first = first or id
end
redis.call('SET', KEYS[3], cjson.encode({ head = stored or '', last = ARGV[3], first = first }))
redis.call('SET', KEYS[2], ARGV[2])
return #ARGV - 3
`;

/**
 * Removes a batch whose outcome was unknown (the connection dropped or the command timed
 * out after it was sent), if it was stored and nothing was appended after it: its entries
 * go and the head it replaced comes back. Returns how many entries were removed; 0 when the
 * batch was not stored, -1 when it was and another writer has chained onto it (it stays).
 * KEYS: stream, head, undo. ARGV: the batch's last hash.
 */
const UNDO_SCRIPT = `
local undo = redis.call('GET', KEYS[3])
if not undo then return 0 end
local u = cjson.decode(undo)
if u.last ~= ARGV[1] then return 0 end
local head = cjson.decode(redis.call('GET', KEYS[2]) or '{}')
if head.hash ~= ARGV[1] then return -1 end
local entries = redis.call('XRANGE', KEYS[1], u.first, '+')
for _, entry in ipairs(entries) do redis.call('XDEL', KEYS[1], entry[1]) end
if u.head == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], u.head) end
redis.call('DEL', KEYS[3])
return #entries
`;

interface AuditScripts {
  govgraphAuditAppend(stream: string, head: string, undo: string, prev: string, headJson: string, headHash: string, ...lines: string[]): Promise<number>;
  govgraphAuditUndo(stream: string, head: string, undo: string, lastHash: string): Promise<number>;
}

export interface RedisAuditSinkOptions extends AuditRedisOptions {
  url: string;
  /** The stream's key; default `govgraph:audit`. The head is kept in `<stream>:head`. */
  stream?: string;
}

/**
 * The ledger as a Redis stream, shared by every gateway instance: one entry per record,
 * whose only field, `line`, holds the record's JSON exactly as the file sink writes it on
 * its line; the signed head in `<stream>:head`. Instances never fork the chain: a batch is
 * stored only if the chain still ends where the batch starts (AuditConflict otherwise, and
 * the ledger chains it again onto the new end).
 */
export class RedisAuditSink implements AuditSink {
  readonly description: string;
  readonly headName: string;
  private readonly keys: ReturnType<typeof auditStreamKeys>;
  /** The last hash of a batch whose outcome is unknown: undone before anything else is written. */
  private unfinished: string | undefined;

  private constructor(
    private readonly redis: Redis & AuditScripts,
    url: string,
    stream: string,
  ) {
    this.keys = auditStreamKeys(stream);
    this.description = `Redis stream ${stream} at ${redactRedisUrl(url)}`;
    this.headName = this.keys.head;
  }

  /** Connects; rejects when Redis cannot be reached (the gateway does not start without its audit store). */
  static async open(options: RedisAuditSinkOptions): Promise<RedisAuditSink> {
    const redis = await connectAuditRedis(options.url, options);
    redis.defineCommand('govgraphAuditAppend', { numberOfKeys: 3, lua: APPEND_SCRIPT });
    redis.defineCommand('govgraphAuditUndo', { numberOfKeys: 3, lua: UNDO_SCRIPT });
    return new RedisAuditSink(redis as Redis & AuditScripts, options.url, options.stream ?? DEFAULT_AUDIT_STREAM);
  }

  async recover(): Promise<RecoveredLedger> {
    this.assertConnected();
    await this.finishFailedBatch();
    // One transaction: another instance appending between the two reads would look like records cut from the end.
    const replies = await this.redis.multi().xrevrange(this.keys.stream, '+', '-', 'COUNT', 1).get(this.keys.head).exec();
    if (!replies) throw new Error('the transaction reading the audit stream was aborted');
    for (const [error] of replies) if (error) throw error;
    const entries = replies[0][1] as [string, string[]][];
    const headText = replies[1][1] as string | null;
    const lastEntry = entries[0];
    return {
      last: lastEntry ? { record: parseRecordLine(lineOfEntry(lastEntry[1])), where: `the last entry (${lastEntry[0]}) of ${this.keys.stream}` } : null,
      head: headText === null ? null : (parseHead(headText) ?? 'unreadable'),
      torn: null,
    };
  }

  /** A stream entry is written whole or not at all: there is never a torn one. */
  async dropTorn(): Promise<void> {}

  async append(records: readonly AuditRecord[], head: SealedHead): Promise<void> {
    if (!records.length) return;
    this.assertConnected();
    await this.finishFailedBatch();
    const { stream, head: headKey, undo } = this.keys;
    try {
      await this.redis.govgraphAuditAppend(stream, headKey, undo, records[0].prev, JSON.stringify(head), head.hash, ...records.map((record) => JSON.stringify(record)));
    } catch (error) {
      const conflict = new RegExp(`^${CONFLICT} ([0-9a-f]{64})`).exec((error as Error).message);
      if (conflict) throw new AuditConflict(records[0].prev, conflict[1]);
      // Timed out or cut off after it was sent, it may have been stored all the same.
      this.unfinished = head.hash;
      await this.finishFailedBatch().catch(() => undefined);
      throw this.explained(error);
    }
  }

  /** Connected, a failed batch undone, and Redis answering. */
  async check(): Promise<void> {
    this.assertConnected();
    try {
      await this.finishFailedBatch();
      await this.redis.ping();
    } catch (error) {
      throw this.explained(error);
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') {
      await this.finishFailedBatch().catch(() => undefined);
      await this.redis.quit().catch(() => undefined);
    }
    this.redis.disconnect();
  }

  /** Fails at once while the connection is down rather than when a command times out. */
  private assertConnected(): void {
    if (this.redis.status !== 'ready') throw new Error(`Redis is not connected (${this.redis.status}); ${this.description}`);
  }

  /** ioredis says "max retries per request" when the connection dropped under a command. */
  private explained(error: unknown): Error {
    const lost = (error as Error).name === 'MaxRetriesPerRequestError';
    return new Error(`${lost ? 'the connection to Redis was lost' : (error as Error).message} (${this.description})`, { cause: error });
  }

  private async finishFailedBatch(): Promise<void> {
    if (this.unfinished === undefined) return;
    const { stream, head, undo } = this.keys;
    await this.redis.govgraphAuditUndo(stream, head, undo, this.unfinished);
    this.unfinished = undefined;
  }
}
