import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { DatasetSpec, ExchangeSource } from '../../exchange/ExchangeSource';
import { createHttpSource } from '../../exchange/http';
import { fundAccounts, startFundStandIn, type FundStandIn } from '../../subgraphs/fund/standIn';

const FUND_DIR = path.join(__dirname, '..', '..', 'subgraphs', 'fund');
const DECLARATION = path.join(FUND_DIR, 'exchange.yaml');
const SEED = { seed: 5, scale: 0.05 };

/** The fund's `accounts` dataset as the core would pass it, read from exchange.yaml. */
function accountsDataset(file = DECLARATION): DatasetSpec {
  const text = fs.readFileSync(file, 'utf8');
  const { key, columns, ...options } = parse(text).datasets.accounts;
  const line = text.split('\n').findIndex((row) => row.trim() === 'accounts:') + 1;
  return { name: 'accounts', file, line, key, columns, options };
}

function fundSource(env: NodeJS.ProcessEnv, file = DECLARATION): ExchangeSource {
  const source = parse(fs.readFileSync(file, 'utf8')).source;
  return createHttpSource({ source, departmentDir: FUND_DIR, file, env });
}

let standIn: FundStandIn;
let source: ExchangeSource;
const accounts = fundAccounts(SEED);
const [first, second] = accounts.keys();
const noAccount = '11010119900307001X';

beforeAll(async () => {
  standIn = await startFundStandIn({ seed: SEED });
  source = fundSource({ FUND_API_URL: standIn.url, FUND_API_KEY: standIn.apiKey });
});

afterAll(async () => {
  await source.close();
  await standIn.close();
});

describe('http exchange source over the fund stand-in', () => {
  it('one key → getAccount with the key in its path template; no account (404) → no records', async () => {
    const before = standIn.callsTo('getAccount');
    expect(await source.lookup(accountsDataset(), [first])).toEqual(new Map([[first, [accounts.get(first)]]]));
    expect(await source.lookup(accountsDataset(), [noAccount])).toEqual(new Map([[noAccount, []]]));
    expect(standIn.callsTo('getAccount') - before).toBe(2);
  });

  it('many keys → one getAccounts call, keys the API lists as notFound → no records', async () => {
    const before = { one: standIn.callsTo('getAccount'), many: standIn.callsTo('getAccounts') };
    const found = await source.lookup(accountsDataset(), [first, noAccount, second]);
    expect(found).toEqual(
      new Map([
        [first, [accounts.get(first)]],
        [noAccount, []],
        [second, [accounts.get(second)]],
      ]),
    );
    expect({ one: standIn.callsTo('getAccount') - before.one, many: standIn.callsTo('getAccounts') - before.many }).toEqual({ one: 0, many: 1 });
  });

  it('a key the API refuses → lookup and problem() name the department and the variable to check, never the key', async () => {
    const wrong = fundSource({ FUND_API_URL: standIn.url, FUND_API_KEY: 'not-the-key' });
    try {
      await expect(wrong.lookup(accountsDataset(), [first])).rejects.toThrow("fund: the API's getAccount failed: the API refused the API key (HTTP 401); check FUND_API_KEY");
      const problem = await wrong.problem();
      expect(problem).toMatch(/^fund: .*refused the API key/);
      expect(problem).not.toContain('not-the-key');
      expect(await source.problem()).toBeNull();
    } finally {
      await wrong.close();
    }
  });

  it('the fund declaration fits openapi.yaml → check() reports nothing', async () => {
    expect(await source.check([accountsDataset()])).toEqual([]);
  });

  it('a dataset naming an operation the OpenAPI lacks → check() names it at the declaration file:line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-http-'));
    const file = path.join(dir, 'exchange.yaml');
    fs.writeFileSync(file, fs.readFileSync(DECLARATION, 'utf8').replace('operation: getAccount ', 'operation: getAcount '));
    const dataset = accountsDataset(file);
    expect(await source.check([dataset])).toEqual([
      { file, line: dataset.line, message: 'dataset accounts: operation getAcount is not in openapi.yaml (its operations: getHealth, getAccount, getAccounts)' },
    ]);
  });
});
