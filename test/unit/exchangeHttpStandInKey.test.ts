import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { checkDepartmentSource, readAdapterModel, type AdapterModel } from '../../exchange';
import { ensureApiKeyFile, standInApiKeyFile } from '../../exchange/http';
import { startFundStandIn, type FundStandIn } from '../../subgraphs/fund/standIn';

/**
 * `exchange check fund` on a developer's machine: the fund department's declaration as shipped,
 * its default: moved to the port of a stand-in started here, over a data directory of the test's own.
 */
const FUND_DIR = path.join(__dirname, '..', '..', 'subgraphs', 'fund');
const log = pino({ level: 'silent' });

let root: string;
let dataDir: string;
let model: AdapterModel;
let keyFile: string;
let standIn: FundStandIn;

/** The fund department's folder as shipped, its default: moved to `url`, in a folder of its own (named fund, as its declaration says). */
function fundDeclaredAt(url: string): AdapterModel {
  const dir = path.join(fs.mkdtempSync(path.join(root, 'department-')), 'fund');
  fs.mkdirSync(dir);
  for (const file of ['schema.graphql', 'openapi.yaml']) fs.copyFileSync(path.join(FUND_DIR, file), path.join(dir, file));
  const declaration = fs.readFileSync(path.join(FUND_DIR, 'exchange.yaml'), 'utf8').replace('default: http://127.0.0.1:4107', `default: ${url}`);
  fs.writeFileSync(path.join(dir, 'exchange.yaml'), declaration);
  const { model, problems } = readAdapterModel(dir);
  expect(problems).toEqual([]);
  return model!;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-stand-in-key-'));
  dataDir = path.join(root, 'data');
  keyFile = standInApiKeyFile(FUND_DIR, dataDir)!;
  // As fund's server.ts does at first start: the key made in the data directory, the stand-in given it.
  standIn = await startFundStandIn({ apiKey: ensureApiKeyFile(keyFile), seed: { seed: 3, scale: 0.02 } });
  model = fundDeclaredAt(standIn.url);
});

afterAll(async () => {
  await standIn.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const check = async (env: Record<string, string> = {}, where = dataDir, declared = model) =>
  (await checkDepartmentSource(declared, { dataDir: where, env, log })).problems.map((problem) => problem.message);

describe('the fund stand-in key in development', () => {
  it('first start → the key kept in <dataDir>/exchange/fund/stand-in-api-key, readable by its owner alone, the same at the next start', () => {
    expect(keyFile).toBe(path.join(dataDir, 'exchange', 'fund', 'stand-in-api-key'));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(ensureApiKeyFile(keyFile)).toBe(standIn.apiKey);
  });

  it('the stand-in runs, no FUND_API_URL nor FUND_API_KEY → exchange check passes, the key read from the file', async () => {
    expect(await check()).toEqual([]);
  });

  it('no key file yet and no FUND_API_KEY → exchange check says to set it or start the stand-in, naming the file', async () => {
    const empty = path.join(root, 'empty');
    expect(await check({}, empty)).toEqual([
      `the API wants a key and none is configured: set FUND_API_KEY, or start the stand-in at the declaration's default: (npm start), which keeps its key in ${path.join(empty, 'exchange', 'fund', 'stand-in-api-key')}`,
    ]);
  });

  it('production → the key file is never read', async () => {
    expect(await check({ GOVGRAPH_MODE: 'production' })).toEqual(['the API wants a key and none is configured: set FUND_API_KEY']);
  });

  it('a key file others may read → refused, saying how to fix it', async () => {
    fs.chmodSync(keyFile, 0o644);
    try {
      expect(await check()).toEqual([expect.stringContaining(`defaultApiKeyFile: ${keyFile} may be read by others (mode 644); chmod 600 it`)]);
    } finally {
      fs.chmodSync(keyFile, 0o600);
    }
  });

  it('the stand-in not running → exchange check names the default: and what starts it, or what to set instead', async () => {
    const stopped = await startFundStandIn({ apiKey: standIn.apiKey, seed: { seed: 3, scale: 0.02 } });
    await stopped.close();
    expect(await check({}, dataDir, fundDeclaredAt(stopped.url))).toEqual([
      `the API's getHealth failed: the API is unreachable (ECONNREFUSED), and again when retried; ${stopped.url} is the declaration's default:, a stand-in that npm start runs (or set FUND_API_URL and FUND_API_KEY to the API's own)`,
    ]);
  });

  it('GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS that is not a whole number → exchange check names the variable', async () => {
    expect(await check({ GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS: 'soon' })).toEqual(['GOVGRAPH_HTTP_SOURCE_TIMEOUT_MS must be a positive whole number of milliseconds, not "soon"']);
  });
});
