import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keysCommand } from '../../cli/keysCommand';
import { loadOrCreateGatewayKeys } from '../../schema/contracts/gatewayToken';

const NAMES = ['GOVGRAPH_DATA_DIR', 'GOVGRAPH_GATEWAY_PRIVATE_JWK', 'GOVGRAPH_MODE', 'NODE_ENV'] as const;
let saved: Record<string, string | undefined>;
let dataDir: string;

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-keys-command-'));
  process.env.GOVGRAPH_DATA_DIR = dataDir;
  jest.spyOn(console, 'log').mockImplementation(() => {});
  jest.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('govgraph keys rotate', () => {
  it('development key files → a new signing key, the previous one published beside it', async () => {
    const before = await loadOrCreateGatewayKeys({ dir: path.join(dataDir, 'keys'), create: true });
    const code = await keysCommand(['rotate']);
    const after = await loadOrCreateGatewayKeys({ dir: path.join(dataDir, 'keys'), create: false });
    expect({ code, published: after.jwks.keys.map((key) => key.kid), changed: after.kid !== before.kid }).toEqual({ code: 0, published: [after.kid, before.kid], changed: true });
  });

  it('GOVGRAPH_GATEWAY_PRIVATE_JWK set → refused: that key is rotated where it is kept', async () => {
    process.env.GOVGRAPH_GATEWAY_PRIVATE_JWK = '{}';
    await expect(keysCommand(['rotate'])).rejects.toThrow('GOVGRAPH_GATEWAY_PRIVATE_JWK is set');
  });

  it('production → refused, no file written', async () => {
    process.env.GOVGRAPH_MODE = 'production';
    await expect(keysCommand(['rotate'])).rejects.toThrow('in production rotate GOVGRAPH_GATEWAY_PRIVATE_JWK where it is kept');
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
