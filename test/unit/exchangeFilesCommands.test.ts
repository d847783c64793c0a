import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { exchangeCommand } from '../../cli/exchangeCommand';
import type { ExchangeIo } from '../../cli/exchange/ExchangeIo';
import { openFilesDepartment } from '../../cli/exchange/openFilesDepartment';
import { readAdapterModel } from '../../exchange';
import { listLoads } from '../../exchange/files';
import { MARRIAGE_COLUMNS, marriageRegistrationsCsv, SEED_FILE_NAME } from '../../subgraphs/civil/marriageRegistrations';

/** `govgraph exchange load`, `exchange loads` and `exchange check` over the civil department's declaration and seed export. */
const SEED = { seed: 7, scale: 0.05 };

let dir: string;
let env: Record<string, string>;

function io(): ExchangeIo & { stdout(): string[] } {
  const out: string[] = [];
  return { env, out: (text) => out.push(...text.split('\n')), err: (text) => out.push(...text.split('\n')), stdout: () => out };
}

/** The seed's export, written where an operator keeps it before handing it over. */
function exportFile(name = SEED_FILE_NAME, bytes = marriageRegistrationsCsv(SEED)): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The export's data rows, split on commas (the fields used here are never quoted). */
function exportRows(): string[][] {
  return iconv
    .decode(marriageRegistrationsCsv(SEED), 'gbk')
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','));
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-files-cli-'));
  env = { GOVGRAPH_DATA_DIR: path.join(dir, 'data') };
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('exchange load civil FILE with no department running → the command loads it and prints the quarantined lines; exchange loads --json lists it as served', async () => {
  const load = io();
  expect(await exchangeCommand(['load', 'civil', exportFile(), '--wait', '0'], load)).toBe(0);
  expect(load.stdout()).toEqual([
    expect.stringMatching(/^civil: marriages-20261101\.csv → dataset marriages, load 1: accepted, \d+ row\(s\) loaded, 2 quarantined; now served\.$/),
    '  line 3: column DJRQ: not a date (YYYYMMDD or YYYY-MM-DD)',
    expect.stringMatching(/^ {2}line \d+: duplicate key GMSFHM \(first at line 2\)$/),
    'The file is kept as processed/marriages-20261101.csv.',
  ]);

  const loads = io();
  expect(await exchangeCommand(['loads', 'civil', '--json'], loads)).toBe(0);
  expect(JSON.parse(loads.stdout().join('\n'))).toEqual([
    expect.objectContaining({ id: 1, dataset: 'marriages', file: SEED_FILE_NAME, outcome: 'accepted', rowsQuarantined: 2, current: true }),
  ]);
});

it('exchange loads civil --quarantine ID → each quarantined line with its reason, none of the rows’ values', async () => {
  await exchangeCommand(['load', 'civil', exportFile(), '--wait', '0'], io());
  const report = io();
  expect(await exchangeCommand(['loads', 'civil', '--quarantine', '1'], report)).toBe(0);
  expect(report.stdout()).toEqual([
    expect.stringMatching(/^FILE +LINE +REASON$/),
    expect.stringMatching(/^marriages-20261101\.csv +3 +column DJRQ: not a date/),
    expect.stringMatching(/^marriages-20261101\.csv +\d+ +duplicate key GMSFHM/),
  ]);
  const quarantinedIds = exportRows()
    .slice(0, 2)
    .map((fields) => fields[MARRIAGE_COLUMNS.indexOf('GMSFHM')]);
  for (const id of quarantinedIds) expect(report.stdout().join('\n')).not.toContain(id);
});

it('exchange loads civil --quarantine with an id no load has → exit 1, saying so', async () => {
  await exchangeCommand(['load', 'civil', exportFile(), '--wait', '0'], io());
  const report = io();
  expect(await exchangeCommand(['loads', 'civil', '--quarantine', '9'], report)).toBe(1);
  expect(report.stdout()).toEqual(['civil has no load 9 (govgraph exchange loads civil lists them).']);
});

it('exchange loads civil --limit 1 after two loads → the newest alone, marked as served', async () => {
  await exchangeCommand(['load', 'civil', exportFile(), '--wait', '0'], io());
  await exchangeCommand(['load', 'civil', exportFile('marriages-20261102.csv'), '--wait', '0'], io());
  const loads = io();
  expect(await exchangeCommand(['loads', 'civil', '--limit', '1'], loads)).toBe(0);
  expect(loads.stdout()).toEqual([expect.stringMatching(/^ID +DATASET/), expect.stringMatching(/^\*2 +marriages +marriages-20261102\.csv .* accepted +\d+ +2 +served now$/)]);
});

it('exchange loads for a department that never started → says so, and leaves no database file behind', async () => {
  const loads = io();
  expect(await exchangeCommand(['loads', 'civil'], loads)).toBe(0);
  expect(loads.stdout()).toEqual(['civil: no load is recorded (the department has not started yet).']);
  expect(fs.existsSync(path.join(env.GOVGRAPH_DATA_DIR, 'civil.sqlite'))).toBe(false);
});

it('exchange load while the department follows its inbox → the department takes the file (one load, not two) and serves it at once', async () => {
  const running = (await openFilesDepartment('civil', env))!;
  try {
    await running.source.start();
    const load = io();
    expect(await exchangeCommand(['load', 'civil', exportFile(), '--wait', '30'], load)).toBe(0);
    expect(load.stdout()[0]).toMatch(/load 1: accepted/);
    expect((await listLoads(running.database.db)).map((l) => [l.id, l.outcome])).toEqual([[1, 'accepted']]);
    const id = exportRows()[0][MARRIAGE_COLUMNS.indexOf('GMSFHM')];
    const marriages = readAdapterModel(path.resolve(__dirname, '../../subgraphs/civil')).model!.datasets.get('marriages')!;
    expect((await running.source.lookup(marriages, [id])).get(id)).toEqual([expect.objectContaining({ GMSFHM: id })]);
  } finally {
    await running.close();
  }
});

it('exchange load of a department whose source is not files → a usage error naming its kind', async () => {
  await expect(exchangeCommand(['load', 'hrss', exportFile()], io())).rejects.toThrow('hrss takes no files: its source is "sql"');
});

describe('exchange check civil', () => {
  it('a department that never started → its declaration checked without loads, and no database file left behind', async () => {
    const check = io();
    expect(await exchangeCommand(['check', 'civil'], check)).toBe(0);
    expect(check.stdout()).toEqual(['civil: the declaration fits its schema and its files source']);
    expect(fs.existsSync(path.join(env.GOVGRAPH_DATA_DIR, 'civil.sqlite'))).toBe(false);
  });

  it("the seed's export loaded → the legacy value no mapping takes ('9' in HYZK) named at Person.maritalStatus", async () => {
    // The export holds the legacy value the declaration leaves unmapped.
    expect(exportRows().map((fields) => fields[MARRIAGE_COLUMNS.indexOf('HYZK')])).toContain('9');
    await exchangeCommand(['load', 'civil', exportFile(), '--wait', '0'], io());
    const check = io();
    expect(await exchangeCommand(['check', 'civil'], check)).toBe(1);
    expect(check.stdout()).toEqual([
      expect.stringMatching(
        /^subgraphs\/civil\/exchange\.yaml:\d+: Person\.maritalStatus: column HYZK holds '9', which "codes" maps to nothing: those records answer null with UNMAPPED_CODE$/,
      ),
    ]);
  });
});
