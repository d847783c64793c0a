import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { exchangeScaffold } from '../../cli/exchange/exchangeScaffold';
import { UsageError } from '../../cli/parseOptions';
import { checkDepartmentSource, readAdapterModel } from '../../exchange';
import { startFundStandIn, type FundStandIn } from '../../subgraphs/fund/standIn';

const OPENAPI = path.join(__dirname, '..', '..', 'subgraphs', 'fund', 'openapi.yaml');
const io = {
  env: {},
  out: () => undefined,
  err: (line: string) => {
    throw new Error(line);
  },
};

let root: string;
let standIn: FundStandIn;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-http-scaffold-'));
  standIn = await startFundStandIn({ seed: { seed: 3, scale: 0.02 } });
});

afterAll(async () => {
  await standIn.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Scaffolds the fund center's getAccount into `<root>/<department>` and returns that folder. */
async function scaffold(department: string): Promise<string> {
  const out = path.join(root, department);
  expect(await exchangeScaffold(['--openapi', OPENAPI, '--operation', 'getAccount', '--department', department, '--out', out], io)).toBe(0);
  return out;
}

describe('exchange scaffold --openapi', () => {
  it("the fund center's getAccount → a declaration and SDL that bind, and fit the API as it answers", async () => {
    const out = await scaffold('fundcenter');
    const { model, problems } = readAdapterModel(out);
    expect(problems).toEqual([]);
    const env = { FUNDCENTER_API_URL: standIn.url, FUNDCENTER_API_KEY: standIn.apiKey };
    expect((await checkDepartmentSource(model!, { dataDir: root, env, log: pino({ level: 'silent' }) })).problems).toEqual([]);
  });

  it('a document with security → the declaration names the URL and the key by variable, the records by the answer schema, and copies the document beside it', async () => {
    const out = await scaffold('housing');
    const declaration = fs.readFileSync(path.join(out, 'exchange.yaml'), 'utf8');
    for (const line of ['baseUrl: env:HOUSING_API_URL', 'apiKey: env:HOUSING_API_KEY', 'selection: data', 'key: zjhm', 'columns: [zjhm, grzh, grzhzt, khrq, yjce]'])
      expect(declaration).toContain(line);
    expect(fs.readFileSync(path.join(out, 'openapi.yaml'), 'utf8')).toBe(fs.readFileSync(OPENAPI, 'utf8'));
  });

  it('an operation the document lacks → a usage error naming the operations it has, nothing written', async () => {
    const out = path.join(root, 'nothing');
    await expect(exchangeScaffold(['--openapi', OPENAPI, '--operation', 'getAcount', '--out', out], io)).rejects.toThrow(
      new UsageError('exchange scaffold: --operation getAcount is not in openapi.yaml; its operations: getHealth, getAccount, getAccounts'),
    );
    expect(fs.existsSync(out)).toBe(false);
  });
});
