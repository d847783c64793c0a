import { randomUUID } from 'node:crypto';
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

/**
 * The keys beside the stream: its signed head; what undoes the last batch if its outcome
 * was unknown; whose turn it is after a conflict; and how far the settled write-backs are
 * recorded, with the short lock of the instance recording the next ones.
 */
export function auditStreamKeys(stream: string): { stream: string; head: string; undo: string; turn: string; writeBackCursor: string; writeBackLock: string } {
  return {
    stream,
    head: `${stream}:head`,
    undo: `${stream}:undo`,
    turn: `${stream}:turn`,
    writeBackCursor: `${stream}:write-back-cursor`,
    writeBackLock: `${stream}:write-back-lock`,
  };
}

/**
 * How long a writer that lost a race keeps its turn (the others wait meanwhile); it needs
 * one round trip to use it. Bounds how long a writer that died holding it holds up the rest.
 */
const TURN_MS = 100;
/** How long a writer waits when it is another's turn, before it reads the end again. */
const YIELD_MS = 5;

/**
 * Appends a batch only where the chain ends now, all in one atomic script: the stored head's
 * hash (or, with no head, the last entry's) must be the batch's first `prev`. Else nothing
 * is written and the reply is the store's end, `{0, head, last entry}`, for the writer to
 * chain onto; stored, the reply is `{1, count}`. Every check comes before the first write.
 * Also notes how to undo the batch (the head it replaced, its first entry).
 *
 * Fairness: a writer that just stored a batch sends its next one at once, so one that lost
 * the race (and must first chain its batch again) would lose every time under load. The
 * first loser therefore takes the turn (for TURN_MS): meanwhile the others' batches are
 * refused with `{2}` (wait, then read the end again), and its next batch goes in.
 * KEYS: stream, head, undo, turn. ARGV: first prev, head JSON, head hash, writer id, the records' lines.
 */
const APPEND_SCRIPT = `
local turn = redis.call('GET', KEYS[4])
if turn and turn ~= ARGV[4] then
  return {2}
end
local stored = redis.call('GET', KEYS[2])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local ends
if stored then
  local ok, head = pcall(cjson.decode, stored)
  if not ok or type(head) ~= 'table' or type(head.hash) ~= 'string' then
    return redis.error_reply('GOVGRAPH_AUDIT_HEAD ' .. KEYS[2] .. ' is not a ledger head')
  end
  ends = head.hash
else
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
  redis.call('SET', KEYS[4], ARGV[4], 'PX', ${TURN_MS})
  return {0, stored or '', last}
end
local first = nil
for i = 5, #ARGV do
  local id = redis.call('XADD', KEYS[1], '*', '${RECORD_FIELD}', ARGV[i])
  first = first or id
end
redis.call('SET', KEYS[3], cjson.encode({ head = stored or '', last = ARGV[3], first = first }))
redis.call('SET', KEYS[2], ARGV[2])
if turn then redis.call('DEL', KEYS[4]) end
return {1, #ARGV - 4}
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

/** Stored (and how many); refused with the store's end (its head's text, '' for none, and its last entry if any); or another writer's turn. */
type StreamEntry = [id: string, fields: string[]];
type AppendReply = [1, number] | [0, string, StreamEntry[]] | [2];

interface AuditScripts {
  govgraphAuditAppend(
    stream: string,
    head: string,
    undo: string,
    turn: string,
    prev: string,
    headJson: string,
    headHash: string,
    writer: string,
    ...lines: string[]
  ): Promise<AppendReply>;
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
  /** Who this writer is when taking its turn. */
  private readonly writer = randomUUID();

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
    redis.defineCommand('govgraphAuditAppend', { numberOfKeys: 4, lua: APPEND_SCRIPT });
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
    return this.recovered(replies[0][1] as StreamEntry[], replies[1][1] as string | null);
  }

  /** A stream entry is written whole or not at all: there is never a torn one. */
  async dropTorn(): Promise<void> {}

  async append(records: readonly AuditRecord[], head: SealedHead): Promise<void> {
    if (!records.length) return;
    this.assertConnected();
    await this.finishFailedBatch();
    const { stream, head: headKey, undo, turn } = this.keys;
    const lines = records.map((record) => JSON.stringify(record));
    let reply: AppendReply;
    try {
      reply = await this.redis.govgraphAuditAppend(stream, headKey, undo, turn, records[0].prev, JSON.stringify(head), head.hash, this.writer, ...lines);
    } catch (error) {
      // Timed out or cut off after it was sent, it may have been stored all the same.
      this.unfinished = head.hash;
      await this.finishFailedBatch().catch(() => undefined);
      throw this.explained(error);
    }
    if (reply[0] === 0) throw new AuditConflict(records[0].prev, this.recovered(reply[2], reply[1] || null));
    if (reply[0] === 2) {
      await new Promise((resolve) => setTimeout(resolve, YIELD_MS));
      throw new AuditConflict(records[0].prev);
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

  private recovered(lastEntries: StreamEntry[], headText: string | null): RecoveredLedger {
    const [entry] = lastEntries;
    return {
      last: entry ? { record: parseRecordLine(lineOfEntry(entry[1])), where: `the last entry (${entry[0]}) of ${this.keys.stream}` } : null,
      head: headText === null ? null : (parseHead(headText) ?? 'unreadable'),
      torn: null,
    };
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
