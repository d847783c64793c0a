import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FundAccount } from '../../subgraphs/fund/standIn';

/**
 * How the API answers, switched per test: `ok` as subgraphs/fund/openapi.yaml describes;
 * `silent` never answers (the caller times out); `error` answers HTTP 500; `malformed` answers
 * 200 with a body that is not JSON; `short` answers a batch (getAccounts) with the first record
 * only and no notFound, as if the rest were dropped.
 */
export type FundApiFault = 'ok' | 'silent' | 'error' | 'malformed' | 'short';

export interface FaultyFundApi {
  /** FUND_API_URL */
  url: string;
  /** FUND_API_KEY */
  apiKey: string;
  fault: FundApiFault;
  close(): Promise<void>;
}

/**
 * A server speaking the fund center's API (GET /health, GET /accounts/{idNumber}, POST
 * /accounts/search, key in X-API-Key) over the given accounts, whose answers a test can break.
 */
export async function startFaultyFundApi(accounts: ReadonlyMap<string, FundAccount>): Promise<FaultyFundApi> {
  const apiKey = 'faulty-fund-api-key';
  const api: FaultyFundApi = { url: '', apiKey, fault: 'ok', close: async () => undefined };
  const send = (response: http.ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.headers['x-api-key'] !== apiKey) return send(response, 401, { error: 'missing or unknown API key' });
      if (api.fault === 'silent') return;
      if (api.fault === 'error') return send(response, 500, { error: 'internal error' });
      if (api.fault === 'malformed') return response.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"zjhm": "1');
      const { pathname } = new URL(request.url ?? '/', 'http://api');
      if (request.method === 'GET' && pathname === '/health') return send(response, 200, { status: 'ok' });
      if (request.method === 'POST' && pathname === '/accounts/search') {
        const ids = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { idNumbers: string[] }).idNumbers;
        const found = ids.filter((id) => accounts.has(id)).map((id) => accounts.get(id)!);
        if (api.fault === 'short') return send(response, 200, { data: found.slice(0, 1) });
        return send(response, 200, { data: found, notFound: ids.filter((id) => !accounts.has(id)) });
      }
      const one = /^\/accounts\/([^/]+)$/.exec(pathname);
      const account = one && request.method === 'GET' ? accounts.get(decodeURIComponent(one[1])) : undefined;
      return account ? send(response, 200, { data: account }) : send(response, 404, { error: 'no account' });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return api;
}
