import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { exchangeCheck } from '../../cli/exchange/exchangeCheck';
import { exchangeScaffold } from '../../cli/exchange/exchangeScaffold';
import { checkDepartmentSource, readAdapterModel } from '../../exchange';
import pino from 'pino';
import { divisionOf } from '../../codes';
import { NotASelectError, openSourceDatabase } from '../../exchange/sql';
import { hrss } from '../../subgraphs/hrss';
import { legacyInsuredRows, type LegacyInsuredRow } from '../../subgraphs/hrss/standInSystem';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

/**
 * The hrss department over its embedded stand-in (an SQLite file with the legacy SI_INSURED
 * table): the declaration's mappings, one statement per batch, read-only, and a source that
 * stops fitting its declaration.
 */
const SEED = { seed: 7, scale: 0.1 };
const LEGACY_URL = 'sqlite:.data/exchange/hrss/legacy.sqlite';
const PERSONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person { idNumber socialInsurance { status insuredSince contributionBase insuringCity { code name } } }
  }
}`;

let dataDir: string;
let running: TestSubgraph;
let rows: LegacyInsuredRow[];

function personsQuery(idNumbers: readonly string[]) {
  return running.request(PERSONS, { representations: idNumbers.map((idNumber) => ({ __typename: 'Person', idNumber })) });
}

async function health(subgraph: TestSubgraph): Promise<any> {
  return (await fetch(subgraph.url.replace(/graphql$/, 'health'))).json();
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-hrss-'));
  // env {}: the stand-in, whatever HRSS_DATABASE_URL the shell has.
  running = await startTestSubgraph(hrss, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: SEED, env: {} });
  rows = legacyInsuredRows(SEED);
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('hrss over its legacy SQL schema', () => {
  it('a person with a legacy record → status, date, base and city mapped from the legacy columns', async () => {
    const row = rows.find((r) => r.AAC008 === '2' && r.AAB301.length === 6)!;
    const { body } = await personsQuery([row.AAC002]);
    expect(body.errors).toBeUndefined();
    expect(body.data._entities[0].socialInsurance).toEqual({
      status: 'SUSPENDED',
      insuredSince: `${row.AAC030.slice(0, 4)}-${row.AAC030.slice(4, 6)}-${row.AAC030.slice(6)}`,
      contributionBase: row.AAC040,
      insuringCity: { code: row.AAB301, name: divisionOf(row.AAB301)!.name },
    });
  });

  it('a legacy value with no mapping → that field null with UNMAPPED_CODE naming department, field and value alone; /health counts it', async () => {
    const row = rows.find((r) => r.AAB301.length === 4)!;
    const before = (await health(running)).unmappedCodes;
    const { body } = await personsQuery([row.AAC002]);
    expect(body.data._entities[0].socialInsurance.insuringCity).toBeNull();
    const error = body.errors!.find((e) => e.path?.join('.') === '_entities.0.socialInsurance.insuringCity')!;
    expect(error.extensions).toEqual({ code: 'UNMAPPED_CODE', department: 'hrss', field: 'SocialInsurance.insuringCity', value: row.AAB301 });
    expect(JSON.stringify(body.errors)).not.toContain(row.AAC002);
    expect((await health(running)).unmappedCodes).toBeGreaterThan(before);
  });

  it('5 or 50 persons in one request → one SQL statement to the source either way', async () => {
    const sent = async (count: number): Promise<number> => {
      const before = (await health(running)).source.statements;
      const { body } = await personsQuery(rows.slice(0, count).map((r) => r.AAC002));
      expect(body.data._entities).toHaveLength(count);
      return (await health(running)).source.statements - before;
    };
    expect([await sent(5), await sent(50)]).toEqual([1, 1]);
  });

  it('a statement that is not a SELECT → refused before it reaches the source', async () => {
    const source = openSourceDatabase(LEGACY_URL, dataDir);
    try {
      await expect(source.db.deleteFrom('SI_INSURED').execute()).rejects.toThrow(NotASelectError);
      expect(source.statementCount()).toBe(0);
    } finally {
      await source.close();
    }
  });

  it('a column renamed in the source → exchange check names it at its line, and the department is not ready', async () => {
    const renamedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-hrss-renamed-'));
    fs.mkdirSync(path.join(renamedDir, 'exchange', 'hrss'), { recursive: true });
    const file = path.join(renamedDir, 'exchange', 'hrss', 'legacy.sqlite');
    fs.copyFileSync(path.join(dataDir, 'exchange', 'hrss', 'legacy.sqlite'), file);
    const legacy = new Database(file);
    legacy.exec('ALTER TABLE SI_INSURED RENAME COLUMN AAC008 TO AAC008_STATUS');
    legacy.close();
    // Not seeded: seeding would write the stand-in afresh.
    const renamed = await startTestSubgraph(hrss, { port: 0, dataDir: renamedDir, databaseUrl: null, env: {} });
    try {
      const out: string[] = [];
      const code = await exchangeCheck(['hrss'], { env: { GOVGRAPH_DATA_DIR: renamedDir }, out: (line) => out.push(line), err: () => undefined });
      expect([code, out]).toEqual([
        1,
        [expect.stringMatching(/^subgraphs\/hrss\/exchange\.yaml:\d+: dataset insured: table SI_INSURED has no column AAC008 \(renamed\? the table has AAC008_STATUS\)$/)],
      ]);
      const line = Number(/:(\d+):/.exec(out[0])![1]);
      expect(fs.readFileSync(path.join(__dirname, '../../subgraphs/hrss/exchange.yaml'), 'utf8').split('\n')[line - 1]).toContain('status: { column: AAC008,');
      expect(await health(renamed)).toMatchObject({ ready: false, problem: expect.stringContaining('no column AAC008') });
      expect((await fetch(renamed.url.replace(/graphql$/, 'ready'))).status).toBe(503);
    } finally {
      await renamed.close();
      fs.rmSync(renamedDir, { recursive: true, force: true });
    }
  });

  it('exchange scaffold from the legacy table → a declaration and SDL that bind and fit the table as written', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-scaffold-')), 'pension');
    const file = path.join(dataDir, 'exchange', 'hrss', 'legacy.sqlite');
    const io = {
      env: {},
      out: () => undefined,
      err: (line: string) => {
        throw new Error(line);
      },
    };
    try {
      expect(await exchangeScaffold(['--sql', `sqlite:${file}`, '--table', 'SI_INSURED', '--name', 'pension', '--out', out], io)).toBe(0);
      const { model, problems } = readAdapterModel(out);
      expect(problems).toEqual([]);
      expect((await checkDepartmentSource(model!, { dataDir, env: {}, log: pino({ level: 'silent' }) })).problems).toEqual([]);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
