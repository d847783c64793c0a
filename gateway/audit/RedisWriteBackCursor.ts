import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { connectAuditRedis, redactRedisUrl } from './connectAuditRedis';
import { seqOf } from './FileWriteBackCursor';
import { auditStreamKeys } from './RedisAuditSink';
import type { WriteBackCursor } from './WriteBackCursor';

/** How long one instance keeps the turn to record a batch (one fetch from the service platform and one append): another may take it after. */
export const WRITE_BACK_LOCK_MS = 15_000;

/** Moves the cursor forward only. KEYS: cursor. ARGV: seq. */
const ADVANCE_SCRIPT = `
local stored = redis.call('GET', KEYS[1])
local current = 0
if stored then
  local ok, value = pcall(cjson.decode, stored)
  if not ok or type(value) ~= 'table' or type(value.seq) ~= 'number' then
    return redis.error_reply('GOVGRAPH_WRITE_BACK_CURSOR ' .. KEYS[1] .. ' does not hold a write-back cursor')
  end
  current = value.seq
end
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], cjson.encode({ seq = tonumber(ARGV[1]) }))
end
return 1
`;

/** Deletes the lock only if this instance still holds it. KEYS: lock. ARGV: holder. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface RedisWriteBackCursorOptions {
  url: string;
  /** The audit stream the records go to; the cursor and the lock are keys beside it. */
  stream: string;
  lockMs?: number;
}

/**
 * The cursor as a key beside the audit stream (`<stream>:write-back-cursor`, `{"seq":42}`),
 * shared by every gateway instance on the stream. One instance records each batch: it takes
 * `<stream>:write-back-lock` (SET NX PX, for `lockMs`) first, and the others skip their round
 * meanwhile. A lock that ran out while its holder was still storing lets another record the same
 * write-backs again: a doubled record, never a lost one.
 */
export class RedisWriteBackCursor implements WriteBackCursor {
  readonly description: string;
  private readonly keys: ReturnType<typeof auditStreamKeys>;
  private readonly holder = randomUUID();

  private constructor(
    private readonly redis: Redis,
    url: string,
    stream: string,
    private readonly lockMs: number,
  ) {
    this.keys = auditStreamKeys(stream);
    this.description = `Redis key ${this.keys.writeBackCursor} at ${redactRedisUrl(url)}`;
  }

  /** Connects (fails fast, reconnects by itself, as the audit stream's connection does). */
  static async open(options: RedisWriteBackCursorOptions): Promise<RedisWriteBackCursor> {
    const redis = await connectAuditRedis(options.url);
    return new RedisWriteBackCursor(redis, options.url, options.stream, options.lockMs ?? WRITE_BACK_LOCK_MS);
  }

  async read(): Promise<number> {
    const text = await this.redis.get(this.keys.writeBackCursor);
    return text === null ? 0 : seqOf(text, this.description);
  }

  async advance(seq: number): Promise<void> {
    await this.redis.eval(ADVANCE_SCRIPT, 1, this.keys.writeBackCursor, String(seq));
  }

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.keys.writeBackLock, this.holder, 'PX', this.lockMs, 'NX')) === 'OK';
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, this.keys.writeBackLock, this.holder);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') {
      await this.release().catch(() => undefined);
      await this.redis.quit().catch(() => undefined);
    }
    this.redis.disconnect();
  }
}
