import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { DatasetSpec } from '../../exchange';
import { createSqlSource, type SqlSource } from '../../exchange/sql';

/** A dataset whose records join a second table: one SELECT with a LEFT JOIN, each joined column under its written name. */
let dir: string;
let source: SqlSource;
const insured: DatasetSpec = {
  name: 'insured',
  file: 'pensions/exchange.yaml',
  line: 7,
  key: 'ID_NO',
  columns: ['ID_NO', 'CITY', 'CITY_TABLE.NAME'],
  columnLines: { ID_NO: 9, CITY: 14, 'CITY_TABLE.NAME': 15 },
  options: { table: 'INSURED', joins: [{ table: 'CITY_TABLE', on: { CITY: 'CODE' } }] },
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-sql-joins-'));
  const db = new Database(path.join(dir, 'legacy.sqlite'));
  db.exec(`CREATE TABLE INSURED (ID_NO TEXT PRIMARY KEY, CITY TEXT);
    CREATE TABLE CITY_TABLE (CODE TEXT PRIMARY KEY, NAME TEXT);
    INSERT INTO INSURED VALUES ('a', '4401'), ('b', '3301'), ('c', '9999');
    INSERT INTO CITY_TABLE VALUES ('4401', '广州'), ('3301', '杭州');`);
  db.close();
  const written = { kind: 'sql', url: 'sqlite:legacy.sqlite' };
  source = createSqlSource({
    department: 'pensions',
    source: written,
    written,
    file: 'pensions/exchange.yaml',
    line: 3,
    dataDir: dir,
    env: {},
    log: pino({ level: 'silent' }),
    datasets: [insured],
    departmentDir: dir,
  });
});

afterAll(async () => {
  await source?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sql source with joins', () => {
  it('a batch of keys → one statement, each record with its joined columns (null where no row joins)', async () => {
    const records = await source.lookup(insured, ['a', 'c', 'z']);
    expect(Object.fromEntries(records)).toEqual({
      a: [{ ID_NO: 'a', CITY: '4401', 'CITY_TABLE.NAME': '广州' }],
      c: [{ ID_NO: 'c', CITY: '9999', 'CITY_TABLE.NAME': null }],
    });
    expect(source.statementCount()).toBe(1);
  });

  it('a joined column the joined table lacks → check names it at the line that reads it', async () => {
    const problems = await source.check([{ ...insured, columns: ['ID_NO', 'CITY', 'CITY_TABLE.TITLE'], columnLines: { 'CITY_TABLE.TITLE': 15 } }]);
    expect(problems).toEqual([
      { file: 'pensions/exchange.yaml', line: 15, message: 'dataset insured: table CITY_TABLE has no column TITLE (columns it has that the declaration does not read: NAME)' },
    ]);
  });
});
