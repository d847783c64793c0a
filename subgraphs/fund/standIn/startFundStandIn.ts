import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SeedOptions } from '../../kit';
import { fundAccounts } from './fundAccounts';

export interface FundStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The key callers must send in X-API-Key; a random one when not given (read it from the result). */
  apiKey?: string;
  /** Which persons have accounts: the seed world every department's seed agrees on. */
  seed?: SeedOptions;
}

export interface FundStandIn {
  /** The base URL, e.g. http://127.0.0.1:4107 (FUND_API_URL). */
  url: string;
  /** The key it accepts (FUND_API_KEY). */
  apiKey: string;
  /** How many calls each operation has answered since start, for tests and demonstrations. */
  callsTo(operationId: 'getHealth' | 'getAccount' | 'getAccounts'): number;
  close(): Promise<void>;
}

const OPENAPI_FILE = path.join(__dirname, '..', 'openapi.yaml');
/** The most ID numbers one getAccounts call takes (openapi.yaml's maxItems). */
const MAX_BATCH = 100;
/** The largest body getAccounts reads: 100 ID numbers and their quotes are far below it. */
const MAX_BODY_BYTES = 16_384;

/**
 * A STAND-IN for the housing provident fund center's account system, not the system itself:
 * a small HTTP server that serves the API openapi.yaml describes (and that document at
 * /openapi.yaml), over generated accounts of the seed world's persons, so that `npm start`
 * shows an adapter department over a REST API without the center. Production points
 * FUND_API_URL at the center's real system; nothing here is used then.
 */
export async function startFundStandIn(options: FundStandInOptions = {}): Promise<FundStandIn> {
  const accounts = fundAccounts(options.seed ?? { seed: 1, scale: 1 });
  const apiKey = options.apiKey ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(apiKey);
  const calls = new Map<string, number>();
  const openapi = fs.readFileSync(OPENAPI_FILE, 'utf8');

  const keyAccepted = (request: http.IncomingMessage): boolean => {
    const given = Buffer.from(String(request.headers['x-api-key'] ?? ''));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const send = (response: http.ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'GET' && pathname === '/openapi.yaml') {
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(openapi);
      return;
    }
    if (!keyAccepted(request)) return send(response, 401, { error: 'missing or unknown API key' });
    const one = /^\/accounts\/([^/]+)$/.exec(pathname);
    if (request.method === 'GET' && pathname === '/health') {
      count('getHealth');
      return send(response, 200, { status: 'ok' });
    }
    if (request.method === 'POST' && pathname === '/accounts/search') {
      count('getAccounts');
      return readJson(request, (body) => {
        const ids = (body as { idNumbers?: unknown } | null)?.idNumbers;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_BATCH || !ids.every((id) => typeof id === 'string')) {
          return send(response, 400, { error: `give { "idNumbers": [...] } with 1 to ${MAX_BATCH} ID numbers` });
        }
        const found = ids.filter((id) => accounts.has(id));
        send(response, 200, { data: found.map((id) => accounts.get(id)), notFound: ids.filter((id) => !accounts.has(id)) });
      });
    }
    if (request.method === 'GET' && one) {
      count('getAccount');
      const account = accounts.get(decodeURIComponent(one[1]));
      return account ? send(response, 200, { data: account }) : send(response, 404, { error: 'no account' });
    }
    send(response, 404, { error: 'no such operation' });

    function readJson(from: http.IncomingMessage, then: (body: unknown) => void): void {
      const chunks: Buffer[] = [];
      let size = 0;
      from.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      from.on('end', () => {
        if (size > MAX_BODY_BYTES) return send(response, 413, { error: 'body too large' });
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(response, 400, { error: 'the body is not JSON' });
        }
        then(body);
      });
    }
  });
  function count(operationId: string): void {
    calls.set(operationId, (calls.get(operationId) ?? 0) + 1);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    apiKey,
    callsTo: (operationId) => calls.get(operationId) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
