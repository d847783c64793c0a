import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { DatasetSpec, ExchangeSource } from '../../exchange/ExchangeSource';
import { createHttpSource } from '../../exchange/http';

/** A tiny API whose answers each test writes: GET /things/{id} for one key, GET /things?ids=a,b for many. */
const OPENAPI = `
openapi: 3.0.3
info: { title: things, version: '1' }
security: [{ key: [] }]
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: one thing } }
  /things:
    get:
      operationId: getThings
      parameters: [{ name: ids, in: query, required: true, explode: false, schema: { type: array, items: { type: string } } }]
      responses: { '200': { description: many things } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-http-faults-'));
fs.writeFileSync(path.join(dir, 'openapi.yaml'), OPENAPI);
const dataset: DatasetSpec = {
  name: 'things',
  file: path.join(dir, 'exchange.yaml'),
  line: 7,
  key: 'id',
  columns: ['id', 'size'],
  options: { operation: 'getThing', batch: 'getThings', selection: 'data' },
};

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let answer: Handler;
const seen: { url: string; key: string | undefined }[] = [];
const server = http.createServer((request, response) => {
  seen.push({ url: request.url!, key: request.headers['x-key'] as string | undefined });
  answer(request, response);
});
let source: ExchangeSource;

/** The source under test; the shared one keeps the default budget so that a loaded machine cannot turn a slow answer into a timeout. */
function thingsSource(url: string, timeoutMs: number): ExchangeSource {
  return createHttpSource({
    source: { kind: 'http', openapi: 'openapi.yaml', baseUrl: 'env:THINGS_URL', apiKey: 'env:THINGS_KEY', timeoutMs },
    datasets: [dataset],
    department: 'things',
    env: { THINGS_URL: url, THINGS_KEY: 'k-123' },
  });
}

const json =
  (body: unknown, status = 200): Handler =>
  (_request, response) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  source = thingsSource(`http://127.0.0.1:${port}`, 2000);
});

beforeEach(() => {
  seen.length = 0;
});

afterAll(async () => {
  await source.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('http exchange source faults', () => {
  it('many keys → one GET of the batch operation with the keys joined and the key header sent', async () => {
    answer = json({
      data: [
        { id: 'b', size: 2 },
        { id: 'a', size: 1 },
      ],
    });
    const found = await source.lookup(dataset, ['a', 'b']);
    expect(found).toEqual(
      new Map([
        ['a', [{ id: 'a', size: 1 }]],
        ['b', [{ id: 'b', size: 2 }]],
      ]),
    );
    expect(seen).toEqual([{ url: '/things?ids=a%2Cb', key: 'k-123' }]);
  });

  it('no answer within timeoutMs → the lookup fails naming the department and the timeout, not retried', async () => {
    answer = () => undefined;
    const impatient = thingsSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 150);
    try {
      await expect(impatient.lookup(dataset, ['a'])).rejects.toThrow("things: the API's getThing failed: no answer within 150 ms");
      expect(seen).toHaveLength(1);
    } finally {
      await impatient.close();
    }
  });

  it('HTTP 500 then 200 → the GET is retried once and the second answer served', async () => {
    let calls = 0;
    answer = (request, response) => (++calls === 1 ? json({ error: 'busy' }, 500) : json({ data: { id: 'a', size: 1 } }))(request, response);
    expect(await source.lookup(dataset, ['a'])).toEqual(new Map([['a', [{ id: 'a', size: 1 }]]]));
    expect(seen).toHaveLength(2);
  });

  it('HTTP 500 twice → the lookup fails naming the department and the status', async () => {
    answer = json({ error: 'down' }, 500);
    await expect(source.lookup(dataset, ['a'])).rejects.toThrow("things: the API's getThing failed: HTTP 500, and again when retried");
  });

  it('an answer that is not JSON → the lookup fails saying so', async () => {
    answer = (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data": {"id": "a"');
    await expect(source.lookup(dataset, ['a'])).rejects.toThrow("things: the API's getThing failed: the answer is not JSON");
  });

  it('a batch answer with fewer records than keys asked → the lookup fails rather than report the rest as absent', async () => {
    answer = json({ data: [{ id: 'a', size: 1 }] });
    await expect(source.lookup(dataset, ['a', 'b', 'c'])).rejects.toThrow(
      "things: the API's getThings failed: the answer accounts for 1 of the 3 keys asked (fewer records than asked)",
    );
  });
});
