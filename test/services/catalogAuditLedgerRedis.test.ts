import Redis from 'ioredis';
import type { Logger } from 'pino';
import { AuditLedger, RedisAuditSink, type AuditRecord } from '../../gateway/audit';
import type { Identity } from '../../policies';
import type { CatalogContext } from '../../subgraphs/catalog/context';
import { auditChain, auditRecords, ledgerSourceOf } from '../../subgraphs/catalog/ledger';
import { newestStreamRecords } from '../../subgraphs/catalog/ledger/newestStreamRecords';
import { sampleAuditEntry } from '../support/auditEntries';
import { describeWithRedis, REDIS_URL } from '../support/services';
import { deleteKeysUnder, uniqueRedisPrefix } from '../support/redisTestKeys';

/** The catalog reading a ledger kept in a Redis stream, as a gateway with REDIS_URL writes it: five records by staff-1 … staff-5. */
const KEY = 'an audit key for tests, 32+ bytes long';
const PREFIX = uniqueRedisPrefix('catalog-ledger');
const STREAM = `${PREFIX}audit`;
const AUDITOR: Identity = { sub: 'auditor-1', roles: ['auditor'], dept: 'catalog', clearance: 3 };

describeWithRedis('the audit ledger in a Redis stream, read by the catalog', () => {
  let redis: Redis;
  let written: AuditRecord[];
  const context = { identity: AUDITOR, services: {} } as unknown as CatalogContext;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL!);
    const log = { warn: jest.fn(), info: jest.fn() } as unknown as Logger;
    context.services.ledger = ledgerSourceOf({ env: { REDIS_URL: REDIS_URL!, GOVGRAPH_AUDIT_STREAM: STREAM, GOVGRAPH_AUDIT_KEY: KEY }, dataDir: '/nonexistent', log });
    const ledger = await AuditLedger.open({ sink: await RedisAuditSink.open({ url: REDIS_URL!, stream: STREAM }), key: new TextEncoder().encode(KEY) });
    written = [];
    for (let i = 1; i <= 5; i++) written.push(await ledger.append(sampleAuditEntry({ identity: { sub: `staff-${i}`, roles: ['caseworker'], dept: 'alpha', clearance: 2 } })));
    await ledger.close();
  });

  afterAll(async () => {
    await deleteKeysUnder(redis, PREFIX);
    await redis.quit();
  });

  it('the chain → holds, every record counted, the stream named as the source', async () => {
    expect(await auditChain(context)).toMatchObject({ ok: true, records: 5, source: expect.stringMatching(new RegExp(`stream ${STREAM}$`)), lastAt: written[4].time });
  });

  it('records → newest first, at most first', async () => {
    const views = await auditRecords(context, { since: '2000-01-01' }, 3);
    expect(views.map((view) => view.reader)).toEqual(['staff-5', 'staff-4', 'staff-3']);
  });

  it('more entries than a page → read page after page, newest first', async () => {
    const readers: (string | undefined)[] = [];
    for await (const record of newestStreamRecords(redis, STREAM, { since: new Date('2000-01-01') }, undefined, 2)) readers.push(record.identity?.sub);
    expect(readers).toEqual(['staff-5', 'staff-4', 'staff-3', 'staff-2', 'staff-1']);
  });

  it('an entry edited → the chain does not hold, and the problem names the entry', async () => {
    const [, [id, fields]] = await redis.xrange(STREAM, '-', '+', 'COUNT', 2);
    const edited = JSON.stringify({ ...JSON.parse(fields[1]), purpose: 'statistics' });
    // Written in its place: a stream entry cannot be changed, so the edit is a copy of the stream with entry #2 replaced.
    const copy = `${PREFIX}edited`;
    for (const [entryId, entryFields] of await redis.xrange(STREAM, '-', '+')) await redis.xadd(copy, entryId, 'line', entryId === id ? edited : entryFields[1]);
    await redis.copy(`${STREAM}:head`, `${copy}:head`);
    const edit = { ...context, services: { ledger: { ...context.services.ledger, location: { kind: 'redis', url: REDIS_URL!, stream: copy } } } } as unknown as CatalogContext;
    expect(await auditChain(edit)).toMatchObject({
      ok: false,
      records: 1,
      problem: `stream ${copy} entry #2 (${id}): edited: record seq 2 (request ${written[1].requestId}): its contents do not match its hash`,
    });
  });
});
