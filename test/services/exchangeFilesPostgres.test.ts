import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Pool } from 'pg';
import pino from 'pino';
import { createFilesSource, listLoads, quarantineOf, type FilesTables } from '../../exchange/files';
import { openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';

const HEADER = 'GMSFHM,XM,HYZK,DJRQ';
const A = '110101198001011234';
const B = '110101198502023456';

describeWithPostgres('the files source on PostgreSQL', () => {
  const schema = uniqueSchema('files');
  let dir: string;
  let database: DepartmentDatabase<FilesTables>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-files-pg-'));
    database = await openDatabase<FilesTables>({ department: 'civil', url: POSTGRES_URL, schema });
  });

  afterAll(async () => {
    await database?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a GBK file with a bad row, then one over maxBadShare → the first served with its quarantine, the second refused', async () => {
    const dataset = {
      name: 'marriages',
      file: 'exchange.yaml',
      line: 1,
      key: 'GMSFHM',
      columns: ['GMSFHM', 'HYZK', 'DJRQ'],
      options: { encoding: 'gbk', maxBadShare: 0.4, validate: { DJRQ: 'date' } },
    };
    const source = createFilesSource({
      department: 'civil',
      source: { kind: 'files', settleSeconds: 0 },
      datasets: [dataset],
      dataDir: dir,
      env: {},
      log: pino({ level: 'silent' }),
      db: database.db,
      schema,
    });
    fs.mkdirSync(source.folders.inbox, { recursive: true });
    const drop = (name: string, lines: string[]) => fs.writeFileSync(path.join(source.folders.inbox, name), iconv.encode(lines.join('\r\n'), 'gbk'));
    drop('marriages-1.csv', [HEADER, `${A},"王伟",已婚,20190520`, `${B},"李娜",未婚,`, `${B}0,"张强",离婚,2019-02-30`]);
    drop('marriages-2.csv', [HEADER, `${A},"王伟",离婚,x`, `${B},"李娜",未婚,y`]);
    const [first, second] = await source.loadWaiting();
    expect([first.outcome, second.outcome]).toEqual(['accepted', 'refused']);
    expect(await quarantineOf(database.db, first.id)).toEqual([{ file: 'marriages-1.csv', line: 4, reason: 'column DJRQ: not a date (YYYYMMDD or YYYY-MM-DD)' }]);
    expect(Object.fromEntries(await source.lookup(dataset, [A, B]))).toEqual({
      [A]: [{ GMSFHM: A, HYZK: '已婚', DJRQ: '2019-05-20' }],
      [B]: [{ GMSFHM: B, HYZK: '未婚', DJRQ: null }],
    });
    expect((await listLoads(database.db)).map((l) => [l.id, l.outcome, l.current])).toEqual([
      [second.id, 'refused', false],
      [first.id, 'accepted', true],
    ]);
    await source.close();
  });
});
