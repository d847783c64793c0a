import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gatewayConfigOf, readGatewayConfig } from '../../gateway/config';
import { createSubgraphFetcher } from '../../gateway/execute/createSubgraphFetcher';
import { gatewayTlsOf } from '../../gateway/execute/gatewayTlsOf';
import { loadOrCreateDevTls, readTlsMaterial, type DevTlsFiles } from '../../schema/contracts/tls';
import { departmentTlsFromEnv } from '../../subgraphs/kit/transport/departmentTlsFromEnv';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-tls-settings-'));
let dev: DevTlsFiles;

beforeAll(async () => {
  dev = await loadOrCreateDevTls(path.join(root, 'tls'));
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("the gateway's TLS settings", () => {
  it('reads GOVGRAPH_TLS=1 alone as the development CA', () => {
    expect(readGatewayConfig({ GOVGRAPH_TLS: '1' }).tls.mode).toBe('dev');
  });

  it('reads GOVGRAPH_TLS=1 with the three files as those files', () => {
    const tls = readGatewayConfig({ GOVGRAPH_TLS: '1', GOVGRAPH_TLS_CA: 'ca.crt', GOVGRAPH_TLS_CERT: 'g.crt', GOVGRAPH_TLS_KEY: 'g.key' }).tls;
    expect(tls).toEqual({ mode: 'files', caFile: 'ca.crt', certFile: 'g.crt', keyFile: 'g.key', gatewayName: 'govgraph-gateway' });
  });

  it('refuses files without all three', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_TLS: '1', GOVGRAPH_TLS_CA: 'ca.crt' })).toThrow('TLS from files needs GOVGRAPH_TLS_CA, GOVGRAPH_TLS_CERT and GOVGRAPH_TLS_KEY');
  });

  it('gives no TLS material when TLS is off', async () => {
    expect(await gatewayTlsOf(gatewayConfigOf({ dataDir: root }))).toBeNull();
  });

  it('loads the development client certificate in dev mode', async () => {
    const material = await gatewayTlsOf(gatewayConfigOf({ dataDir: root, tls: { mode: 'dev' } }));
    expect(material?.cert).toBe(fs.readFileSync(dev.gatewayCert, 'utf8'));
  });

  it('refuses the development CA in production', async () => {
    await expect(gatewayTlsOf(gatewayConfigOf({ mode: 'production', dataDir: root, tls: { mode: 'dev' } }))).rejects.toThrow('the development CA is refused in production');
  });

  it("refuses at start-up a client certificate departments would not take for the gateway's", async () => {
    const config = gatewayConfigOf({ dataDir: root, tls: { mode: 'files', caFile: dev.caCert, certFile: dev.serverCert, keyFile: dev.serverKey } });
    await expect(gatewayTlsOf(config)).rejects.toThrow(
      `The gateway's client certificate GOVGRAPH_TLS_CERT=${dev.serverCert} would be refused by every department: its subject CN is 'govgraph-department', not 'govgraph-gateway' (GOVGRAPH_TLS_GATEWAY_NAME)`,
    );
  });
});

describe("a department's TLS settings", () => {
  it('serve plain HTTP when GOVGRAPH_TLS is not set', async () => {
    expect(await departmentTlsFromEnv({}, root)).toBeUndefined();
  });

  it('use the development server certificate with GOVGRAPH_TLS=1 alone', async () => {
    const tls = await departmentTlsFromEnv({ GOVGRAPH_TLS: '1' }, root);
    expect([tls?.cert, tls?.gatewayName]).toEqual([fs.readFileSync(dev.serverCert, 'utf8'), 'govgraph-gateway']);
  });

  it('use the given server certificate, key, CA and gateway name', async () => {
    const env = {
      GOVGRAPH_TLS: '1',
      GOVGRAPH_TLS_CA: dev.caCert,
      GOVGRAPH_TLS_SERVER_CERT: dev.serverCert,
      GOVGRAPH_TLS_SERVER_KEY: dev.serverKey,
      GOVGRAPH_TLS_GATEWAY_NAME: 'gw-prod',
    };
    expect(await departmentTlsFromEnv(env, '/nonexistent')).toEqual({
      ...readTlsMaterial({ ca: { file: dev.caCert, setting: '' }, cert: { file: dev.serverCert, setting: '' }, key: { file: dev.serverKey, setting: '' } }),
      gatewayName: 'gw-prod',
    });
  });

  it('name the variable missing for files', async () => {
    await expect(departmentTlsFromEnv({ GOVGRAPH_TLS: '1', GOVGRAPH_TLS_SERVER_CERT: dev.serverCert, GOVGRAPH_TLS_SERVER_KEY: dev.serverKey }, root)).rejects.toThrow(
      'GOVGRAPH_TLS_CA is not set',
    );
  });

  it('refuse the development CA in production', async () => {
    await expect(departmentTlsFromEnv({ GOVGRAPH_TLS: '1', NODE_ENV: 'production' }, root)).rejects.toThrow('the development CA is refused in production');
  });

  it('refuse a GOVGRAPH_TLS value they do not know', async () => {
    await expect(departmentTlsFromEnv({ GOVGRAPH_TLS: 'maybe' }, root)).rejects.toThrow("GOVGRAPH_TLS='maybe': expected 1 or 0 (or dev, files, off)");
  });
});

describe('createSubgraphFetcher with TLS', () => {
  it('refuses to reach a department over plain HTTP', async () => {
    const fetcher = createSubgraphFetcher(await gatewayTlsOf(gatewayConfigOf({ dataDir: root, tls: { mode: 'dev' } })));
    await expect(fetcher.fetch('http://127.0.0.1:1/graphql')).rejects.toThrow('Mutual TLS is on: refusing to reach http://127.0.0.1:1/graphql over plain HTTP');
    await fetcher.close();
  });

  it('refuses a department whose certificate another CA signed', async () => {
    const stranger = await loadOrCreateDevTls(path.join(root, 'stranger'));
    const server = https.createServer({ cert: fs.readFileSync(stranger.serverCert), key: fs.readFileSync(stranger.serverKey) }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fetcher = createSubgraphFetcher(await gatewayTlsOf(gatewayConfigOf({ dataDir: root, tls: { mode: 'dev' } })));
    try {
      const failure = await fetcher
        .fetch(`https://127.0.0.1:${(server.address() as AddressInfo).port}/health`)
        .catch((error: Error & { cause?: { code?: string } }) => error.cause?.code);
      expect(failure).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      await fetcher.close();
      server.close();
    }
  });
});
