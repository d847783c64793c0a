import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import pino from 'pino';
import type { DatasetSpec } from '../../exchange/ExchangeSource';
import { createFilesSource, listLoads, quarantineOf, type FilesSource, type FilesTables } from '../../exchange/files';
import { openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';

/**
 * The files source of the exchange center: files dropped into an inbox, each loaded as a
 * version of its dataset in the department's own (here embedded SQLite) database.
 */
const HEADER = 'GMSFHM,XM,HYZK,DJRQ,DJJG';
const A = '110101198001011234';
const B = '110101198502023456';
const C = '310104199003035678';

function marriages(options: Record<string, unknown> = {}): DatasetSpec {
  return {
    name: 'marriages',
    file: 'subgraphs/civil/exchange.yaml',
    line: 14,
    key: 'GMSFHM',
    columns: ['GMSFHM', 'HYZK', 'DJRQ'],
    options: { encoding: 'gbk', maxBadShare: 0.4, validate: { GMSFHM: { maxLength: 18 }, HYZK: { required: true, maxLength: 4 }, DJRQ: 'date' }, ...options },
  };
}

let dir: string;
let database: DepartmentDatabase<FilesTables>;
let source: FilesSource;

function open(dataset = marriages(), db = database): FilesSource {
  return createFilesSource({
    department: 'civil',
    source: { kind: 'files', pollSeconds: 0.05, settleSeconds: 0 },
    datasets: [dataset],
    dataDir: dir,
    env: {},
    log: pino({ level: 'silent' }),
    db: db.db,
  });
}

/** Drops a file as a sender does: written under a temporary name, then renamed. */
function drop(name: string, lines: readonly string[], encoding = 'gbk', end = '\r\n'): void {
  const inbox = source.folders.inbox;
  fs.mkdirSync(inbox, { recursive: true });
  fs.writeFileSync(path.join(inbox, `${name}.part`), iconv.encode(`${lines.join('\r\n')}${end}`, encoding));
  fs.renameSync(path.join(inbox, `${name}.part`), path.join(inbox, name));
}

async function statusOf(...keys: string[]): Promise<unknown[]> {
  const found = await source.lookup(marriages(), keys);
  return keys.map((key) => found.get(key)?.map((record) => record.HYZK));
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-files-'));
  database = await openDatabase<FilesTables>({ department: 'civil', dataDir: dir });
  source = open();
});

afterEach(async () => {
  await source.close();
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('a good GBK file → loaded as the current version; lookup answers its declared columns, decoded, dates as YYYY-MM-DD', async () => {
  drop('marriages-1.csv', [HEADER, `${A},"王""小""伟",已婚,20190520,"北京市东城区民政局, 婚姻登记处"`, `${B},"李娜",1,,"北京市东城区民政局"`]);
  const [load] = await source.loadWaiting();
  expect(load).toMatchObject({ dataset: 'marriages', outcome: 'accepted', rowsLoaded: 2, rowsQuarantined: 0, storedAs: path.join('processed', 'marriages-1.csv') });
  const found = await source.lookup(marriages(), [A, B, C]);
  expect(Object.fromEntries(found)).toEqual({ [A]: [{ GMSFHM: A, HYZK: '已婚', DJRQ: '2019-05-20' }], [B]: [{ GMSFHM: B, HYZK: '1', DJRQ: null }], [C]: [] });
  expect(fs.readdirSync(source.folders.inbox)).toEqual([]);
});

it('a bad row → quarantined with file, line and reason (not the value); the other rows are loaded', async () => {
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`, `${B},"李娜",已婚,20190231,""`, `${C},"张强",未婚,,""`]);
  const [load] = await source.loadWaiting();
  expect(load).toMatchObject({ outcome: 'accepted', rowsLoaded: 2, rowsQuarantined: 1 });
  expect(await quarantineOf(database.db, load.id)).toEqual([{ file: 'marriages-1.csv', line: 3, reason: 'column DJRQ: not a date (YYYYMMDD or YYYY-MM-DD)' }]);
  expect(await statusOf(A, B, C)).toEqual([['已婚'], [], ['未婚']]);
});

it('a key twice in one file → the second row quarantined, the first stands', async () => {
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`, `${B},"李娜",未婚,,""`, `${A},"王伟",离婚,20230101,""`, `${C},"张强",未婚,,""`]);
  const [load] = await source.loadWaiting();
  expect(await quarantineOf(database.db, load.id)).toEqual([{ file: 'marriages-1.csv', line: 4, reason: 'duplicate key GMSFHM (first at line 2)' }]);
  expect(await statusOf(A)).toEqual([['已婚']]);
});

it('a file cut short (last line truncated) → the cut line quarantined, the rest loaded', async () => {
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`, `${B},"李娜",未婚,,""`, `${C},"张强",已`], 'gbk', '');
  const [load] = await source.loadWaiting();
  expect(load).toMatchObject({ outcome: 'accepted', rowsLoaded: 2, rowsQuarantined: 1 });
  expect(await quarantineOf(database.db, load.id)).toEqual([{ file: 'marriages-1.csv', line: 4, reason: '3 field(s) where the header has 5 (a line cut short or misquoted)' }]);
});

it('more bad rows than maxBadShare → refused whole into refused/; the previous version keeps serving', async () => {
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`, `${B},"李娜",未婚,,""`]);
  drop('marriages-2.csv', [HEADER, `${A},"王伟",离婚,2023-01-01,""`, `${B},"李娜",,,""`, `${C},"张强",已婚,0,""`]);
  const [, refused] = await source.loadWaiting();
  expect(refused).toMatchObject({ outcome: 'refused', rowsLoaded: 0, rowsQuarantined: 2, reason: '2 of 3 rows are bad (66.7%), over maxBadShare 40%' });
  expect(fs.readdirSync(source.folders.refused)).toEqual(['marriages-2.csv']);
  expect(await statusOf(A, B)).toEqual([['已婚'], ['未婚']]);
  expect((await listLoads(database.db)).map((l) => [l.file, l.outcome, l.current])).toEqual([
    ['marriages-2.csv', 'refused', false],
    ['marriages-1.csv', 'accepted', true],
  ]);
});

it('UTF-8 declared, GBK bytes → every row fails on undecodable bytes, the file is refused, the previous version keeps serving', async () => {
  await source.close();
  source = open(marriages({ encoding: 'utf-8' }));
  drop('marriages-1.csv', [HEADER, `${A},"Wang",1,20190520,"x"`], 'utf-8');
  drop('marriages-2.csv', [HEADER, `${A},"王伟",2,20190520,"民政局"`, `${B},"李娜",1,,"民政局"`], 'gbk');
  const [, refused] = await source.loadWaiting();
  expect(refused).toMatchObject({ outcome: 'refused', rowsQuarantined: 2 });
  expect((await quarantineOf(database.db, refused.id)).map((q) => q.reason)).toEqual([
    'column XM: bytes that are not valid utf-8 (is the declared encoding right?)',
    'column XM: bytes that are not valid utf-8 (is the declared encoding right?)',
  ]);
  expect(await statusOf(A)).toEqual([['1']]);
});

it('two files arriving at once → the running source loads both, one after the other in name order', async () => {
  await source.start();
  drop('marriages-2.csv', [HEADER, `${A},"王伟",离婚,20230101,""`]);
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`]);
  for (let i = 0; i < 100 && (await listLoads(database.db)).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect((await listLoads(database.db)).map((l) => [l.id, l.file, l.outcome])).toEqual([
    [2, 'marriages-2.csv', 'accepted'],
    [1, 'marriages-1.csv', 'accepted'],
  ]);
  expect(await statusOf(A)).toEqual([['离婚']]);
  expect(fs.readdirSync(source.folders.processed).sort()).toEqual(['marriages-1.csv', 'marriages-2.csv']);
});

it('readers on another connection during a load → each read sees the whole previous version or the whole new one', async () => {
  const keys = Array.from({ length: 1500 }, (_, i) => `11010119800101${String(i).padStart(4, '0')}`);
  // Every third key: a read spans the whole file, so a version written in parts would show.
  const spread = keys.filter((_, i) => i % 3 === 0);
  const version = (status: string): string[] => [HEADER, ...keys.map((key) => `${key},"王伟",${status},20190520,""`)];
  drop('marriages-1.csv', version('1'));
  await source.loadWaiting();
  const readerDatabase = await openDatabase<FilesTables>({ department: 'civil', dataDir: dir });
  const reader = open(marriages(), readerDatabase);
  try {
    expect((await reader.lookup(marriages(), keys.slice(0, 1))).get(keys[0])).toEqual([expect.objectContaining({ HYZK: '1' })]);
    drop('marriages-2.csv', version('2'));
    let loading = true;
    const loaded = source.loadWaiting().finally(() => (loading = false));
    const seen: string[] = [];
    while (loading) {
      const found = await reader.lookup(marriages(), spread);
      const statuses = new Set([...found.values()].flat().map((record) => record.HYZK));
      seen.push([...statuses].join('+') + `:${[...found.values()].flat().length}`);
    }
    await loaded;
    // Reads overlapped the load (some still saw the previous version), and none saw part of one.
    expect(seen).toContain('1:500');
    expect(seen.filter((read) => read !== '1:500' && read !== '2:500')).toEqual([]);
    expect(await statusOf(keys[0])).toEqual([['2']]);
  } finally {
    await reader.close();
    await readerDatabase.close();
  }
});

it('two loaders on one inbox at once (the department and a command) → each file loaded once: the claim is a rename, one wins', async () => {
  const otherDatabase = await openDatabase<FilesTables>({ department: 'civil', dataDir: dir });
  const other = open(marriages(), otherDatabase);
  try {
    for (let i = 1; i <= 6; i++) drop(`marriages-${i}.csv`, [HEADER, `${A},"王伟",${i},20190520,""`]);
    const [mine, theirs] = await Promise.all([source.loadWaiting(), other.loadWaiting()]);
    expect([...mine, ...theirs].map((load) => load.file).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `marriages-${i}.csv`));
    expect(await listLoads(database.db)).toHaveLength(6);
    expect(fs.readdirSync(source.folders.processed)).toHaveLength(6);
  } finally {
    await other.close();
    await otherDatabase.close();
  }
});

it('details → the latest load (file, outcome, when, counts), null before the first', async () => {
  expect(await source.details()).toEqual({ latestLoad: null });
  drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520,""`, `${B},"李娜",已婚,20190231,""`, `${C},"张强",未婚,,""`]);
  const [load] = await source.loadWaiting();
  expect(await source.details()).toEqual({
    latestLoad: { id: load.id, dataset: 'marriages', file: 'marriages-1.csv', outcome: 'accepted', loadedAt: expect.any(String), rowsLoaded: 2, rowsQuarantined: 1, reason: null },
  });
});

it('an inbox that cannot be read (a file where its folder should be) → problem() names the inbox and why', async () => {
  await source.start();
  expect(await source.problem()).toBeNull();
  fs.rmSync(source.folders.inbox, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(source.folders.inbox), { recursive: true });
  fs.writeFileSync(source.folders.inbox, '');
  expect(await source.problem()).toBe(`the inbox ${source.folders.inbox} cannot be read (ENOTDIR)`);
});
