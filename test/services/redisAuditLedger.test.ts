import Redis from 'ioredis';
import { AuditConflict, AuditLedger, AuditUnavailable, auditStreamKeys, RedisAuditSink, verifyStream, type AuditRecord, type RedisAuditSinkOptions } from '../../gateway/audit';
import { sealHead, sealRecord } from '../../gateway/audit/sealRecord';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { sampleAuditEntry as entry } from '../support/auditEntries';

/** The ledger over a real Redis stream: what is stored, continuing it, conflicts between writers, lost replies, Redis gone. */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const PREFIX = uniqueRedisPrefix('audit-ledger');

/** Polls `condition` (every 10 ms, for at most 5 s). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await condition()); waited += 10) {
    if (waited > 5000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('the audit ledger in a Redis stream', () => {
  let redis: Redis;
  let stream: string;
  const open: AuditLedger[] = [];
  let streams = 0;

  async function openLedger(options: Partial<RedisAuditSinkOptions> = {}, maxConflictRetries?: number): Promise<AuditLedger> {
    const ledger = await AuditLedger.open({ sink: await RedisAuditSink.open({ url: REDIS_URL!, stream, ...options }), key: KEY, maxConflictRetries });
    open.push(ledger);
    return ledger;
  }

  const requestIdsIn = async (name = stream) => (await redis.xrange(name, '-', '+')).map(([, fields]) => (JSON.parse(fields[1]) as AuditRecord).requestId);

  beforeAll(() => {
    redis = new Redis(REDIS_URL!);
  });

  beforeEach(() => {
    stream = `${PREFIX}stream-${++streams}`;
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((ledger) => ledger.close()));
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  it("stores each record as one entry whose only field, line, is the record's JSON", async () => {
    const record = await (await openLedger()).append(entry());
    expect(await redis.xrange(stream, '-', '+')).toEqual([[expect.any(String), ['line', JSON.stringify(record)]]]);
  });

  it('keeps the signed head of the last record beside the stream', async () => {
    const record = await (await openLedger()).append(entry());
    expect(JSON.parse((await redis.get(auditStreamKeys(stream).head))!)).toEqual({ seq: record.seq, hash: record.hash, time: expect.any(String), sig: expect.any(String) });
  });

  it("reopened → continues the chain from the stream's last record", async () => {
    const first = await (await openLedger()).append(entry());
    await open.pop()!.close();
    const second = await (await openLedger()).append(entry());
    expect([second.seq, second.prev]).toEqual([2, first.hash]);
  });

  it("a batch that does not start at the stream's end → AuditConflict, nothing stored", async () => {
    await (await openLedger()).append(entry());
    const sink = await RedisAuditSink.open({ url: REDIS_URL!, stream });
    const stale = sealRecord(entry(), { seq: 0, hash: '0'.repeat(64) }, new Date(), KEY);
    try {
      await expect(sink.append([stale], sealHead({ seq: 1, hash: stale.hash }, new Date(), KEY))).rejects.toBeInstanceOf(AuditConflict);
      expect(await redis.xlen(stream)).toBe(1);
    } finally {
      await sink.close();
    }
  });

  it("a writer lost a race → another's batch is refused (nothing stored) while it chains its own again", async () => {
    const record = await (await openLedger()).append(entry());
    const [loser, other] = [await RedisAuditSink.open({ url: REDIS_URL!, stream }), await RedisAuditSink.open({ url: REDIS_URL!, stream })];
    try {
      const stale = sealRecord(entry(), { seq: 0, hash: '0'.repeat(64) }, new Date(), KEY);
      await expect(loser.append([stale], sealHead({ seq: 1, hash: stale.hash }, new Date(), KEY))).rejects.toBeInstanceOf(AuditConflict);
      const next = sealRecord(entry(), record, new Date(), KEY);
      await expect(other.append([next], sealHead(next, new Date(), KEY))).rejects.toBeInstanceOf(AuditConflict);
      expect(await redis.xlen(stream)).toBe(1);
    } finally {
      await Promise.all([loser.close(), other.close()]);
    }
  });

  it('two ledgers appending concurrently to one stream → one valid chain holding every record', async () => {
    const ledgers = [await openLedger(), await openLedger()];
    const records = await Promise.all(Array.from({ length: 300 }, (_, i) => ledgers[i % 2].append(entry())));
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({ ok: true, count: 300, last: { seq: 300 } });
    expect(new Set(await requestIdsIn())).toEqual(new Set(records.map((record) => record.requestId)));
  });

  describe('behind a proxy that cuts Redis off', () => {
    let proxy: TcpProxy;

    beforeEach(async () => {
      const { hostname, port } = new URL(REDIS_URL!);
      proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    });

    afterEach(async () => {
      await Promise.all(open.splice(0).map((ledger) => ledger.close()));
      await proxy.close();
    });

    it('a batch stored but its reply lost (reported failed) → removed before the next record is stored', async () => {
      const ledger = await openLedger({ url: proxy.url, commandTimeoutMs: 300 });
      const first = await ledger.append(entry());
      proxy.holdReplies();
      const lost = entry();
      const appended = ledger.append(lost);
      // Stored, its reply held back; the undo the sink then tries is held back too, until release.
      await until(async () => (await requestIdsIn()).includes(lost.requestId));
      proxy.holdRequests();
      await expect(appended).rejects.toBeInstanceOf(AuditUnavailable);
      proxy.release();
      const third = await ledger.append(entry());
      expect(await requestIdsIn()).toEqual([first.requestId, third.requestId]);
    });

    it('Redis unreachable → appends fail with AuditUnavailable', async () => {
      const ledger = await openLedger({ url: proxy.url });
      await proxy.close();
      await expect(ledger.append(entry())).rejects.toBeInstanceOf(AuditUnavailable);
    });

    it('Redis unreachable → check rejects with AuditUnavailable', async () => {
      const ledger = await openLedger({ url: proxy.url });
      await proxy.close();
      await expect(ledger.check()).rejects.toBeInstanceOf(AuditUnavailable);
    });

    it('Redis answering again → appends succeed again', async () => {
      const ledger = await openLedger({ url: proxy.url, commandTimeoutMs: 300 });
      proxy.holdReplies();
      await expect(ledger.append(entry())).rejects.toBeInstanceOf(AuditUnavailable);
      proxy.release();
      const record = await ledger.append(entry());
      expect(await verifyStream(redis, stream, KEY)).toMatchObject({ ok: true, count: 1, last: { seq: 1, hash: record.hash } });
    });
  });

  it('Redis not reachable at start → opening the sink fails, naming the URL without its password', async () => {
    const closed = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    await closed.close();
    await expect(RedisAuditSink.open({ url: `redis://auditor:s3cret@127.0.0.1:${closed.port}`, stream })).rejects.toThrow(
      new RegExp(`^Cannot reach Redis at redis://127\\.0\\.0\\.1:${closed.port} for the audit stream: .*ECONNREFUSED`),
    );
  });

  it('Redis not reachable at start → the message leaves the password out', async () => {
    const closed = await startTcpProxy({ host: '127.0.0.1', port: 1 });
    await closed.close();
    const failure = await RedisAuditSink.open({ url: `redis://auditor:s3cret@127.0.0.1:${closed.port}`, stream }).catch((error: Error) => error);
    expect(String(failure)).not.toContain('s3cret');
  });
});
