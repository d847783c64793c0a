import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AuditLedger, auditStreamKeys, readStreamLines, RedisAuditSink, verifyStream, type AuditRecord } from '../../gateway/audit';
import { hashOfRecord } from '../../gateway/audit/sealRecord';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';
import { sampleAuditEntry as entry } from '../support/auditEntries';

/**
 * Tampering with an audit stream each way is found, and the first bad entry named by its
 * position and id. The ledger: six records written by the gateway's ledger; each test
 * tampers with a copy of it (the entries re-added in order, the head copied).
 */
const KEY = new TextEncoder().encode('an audit key for tests, 32+ bytes long');
const PREFIX = uniqueRedisPrefix('audit-tamper');
const ORIGINAL = `${PREFIX}original`;

describeWithRedis('verifyStream', () => {
  let redis: Redis;
  let records: AuditRecord[];
  let lines: string[];
  let copies = 0;

  /** A copy of the original stream with its lines changed by `change`; returns its key and its entries' ids. */
  async function copy(change: (lines: string[]) => string[] = (same) => same): Promise<{ stream: string; ids: string[] }> {
    const stream = `${PREFIX}copy-${++copies}`;
    const ids: string[] = [];
    for (const line of change([...lines])) ids.push((await redis.xadd(stream, '*', 'line', line))!);
    await redis.set(auditStreamKeys(stream).head, (await redis.get(auditStreamKeys(ORIGINAL).head))!);
    return { stream, ids };
  }

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    const ledger = await AuditLedger.open({ sink: await RedisAuditSink.open({ url: REDIS_URL!, stream: ORIGINAL }), key: KEY });
    records = [];
    for (let i = 0; i < 6; i++) records.push(await ledger.append(entry()));
    await ledger.close();
    lines = (await redis.xrange(ORIGINAL, '-', '+')).map(([, fields]) => fields[1]);
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  it('accepts an untouched stream, counting its records', async () => {
    const { stream } = await copy();
    expect(await verifyStream(redis, stream, KEY)).toEqual({ ok: true, count: 6, files: [stream], last: { seq: 6, hash: records[5].hash } });
  });

  it('names an edited record as edited, at its position and entry id', async () => {
    const { stream, ids } = await copy((all) => all.map((line, i) => (i === 1 ? line.replace('"review"', '"statistics"') : line)));
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      count: 1,
      problem: { kind: 'edited', file: stream, line: 2, entry: ids[1], seq: 2, requestId: records[1].requestId, message: 'its contents do not match its hash' },
    });
  });

  it('names the entry after a deleted one, saying which seq is missing', async () => {
    const { stream, ids } = await copy();
    await redis.xdel(stream, ids[1]);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'deleted', line: 2, entry: ids[2], seq: 3, message: '1 record(s) before it removed (seq 2)' },
    });
  });

  it('names an inserted forged record as inserted', async () => {
    const forged = { ...records[1], requestId: randomUUID(), purpose: 'statistics' };
    const { stream, ids } = await copy((all) => [all[0], JSON.stringify({ ...forged, hash: hashOfRecord(forged) }), ...all.slice(1)]);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({ ok: false, problem: { kind: 'inserted', line: 2, entry: ids[1], requestId: forged.requestId } });
  });

  it('names the first of two swapped entries as reordered, saying where the right one is', async () => {
    const { stream, ids } = await copy((all) => [all[0], all[2], all[1], ...all.slice(3)]);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'reordered', line: 2, entry: ids[1], seq: 3, message: `seq 2 should come here; it comes later, at entry #3 (${ids[2]})` },
    });
  });

  it('names entries removed from the end as truncated, by the head beside the stream', async () => {
    const { stream, ids } = await copy();
    await redis.xdel(stream, ids[4], ids[5]);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      count: 4,
      problem: { kind: 'truncated', file: stream, line: 5, seq: 5, message: `2 record(s) removed from the end: ${stream}:head records seq 6, the ledger ends at seq 4` },
    });
  });

  it('names the first entry left after entries trimmed from the start as deleted', async () => {
    const { stream, ids } = await copy();
    await redis.xtrim(stream, 'MAXLEN', 4);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'deleted', line: 1, entry: ids[2], seq: 3, message: '2 record(s) before it removed (seq 1–2), at the start of the ledger' },
    });
  });

  it('reports a head removed along with the last entries', async () => {
    const { stream, ids } = await copy();
    await redis.xdel(stream, ids[5]);
    await redis.del(auditStreamKeys(stream).head);
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({
      ok: false,
      problem: { kind: 'head', file: `${stream}:head`, message: `${stream}:head is missing: records removed from the end would not show` },
    });
  });

  it('names an entry added by hand, with another field, as not an audit record', async () => {
    const { stream } = await copy();
    await redis.xadd(stream, '*', 'note', 'nothing to see here');
    expect(await verifyStream(redis, stream, KEY)).toMatchObject({ ok: false, problem: { kind: 'edited', line: 7, message: 'it is not an audit record' } });
  });

  it('reads a stream longer than one page in order, numbering entries from 1', async () => {
    const read = [];
    for await (const item of readStreamLines(redis, ORIGINAL, '-', 4)) read.push([item.line, item.text]);
    expect(read).toEqual(lines.map((line, i) => [i + 1, line]));
  });

  it('verifies from a given entry on, taking its first record as given', async () => {
    const { stream, ids } = await copy();
    expect(await verifyStream(redis, stream, KEY, { from: ids[3] })).toMatchObject({ ok: true, count: 3, last: { seq: 6 } });
  });
});
