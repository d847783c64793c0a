import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import pino from 'pino';
import { gatewayConfigOf, type GatewayConfigInput } from '../../gateway/config';
import { useOperationLimits } from '../../gateway/limit';
import { anonymousReader, type RequestContext } from '../../gateway/request';
import { handleHttpError } from '../../gateway/server/handleHttpError';
import { LIMITS_SDL, VALID_ID_NUMBER } from '../support/limitsTestKit';

interface HttpKit {
  url: string;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Apollo Server behind Express with the limit stage's middleware and options and the app's error handler, as the gateway mounts them. */
async function httpKit(limits: GatewayConfigInput['limits'], mode: 'development' | 'production' = 'production'): Promise<HttpKit> {
  const { plugin, serverOptions, httpMiddleware } = useOperationLimits(gatewayConfigOf({ limits }).limits, { mode });
  const server = new ApolloServer<RequestContext>({ typeDefs: LIMITS_SDL, resolvers: { Query: { items: () => [] } }, plugins: [plugin], ...serverOptions });
  await server.start();
  const app = express();
  app.use('/graphql', ...httpMiddleware, expressMiddleware(server, { context: async () => ({ reader: anonymousReader('test'), clientAddress: '127.0.0.1' }) }));
  app.use(handleHttpError(pino({ level: 'silent' })));
  const listener = http.createServer(app);
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/graphql`;
  return {
    url,
    async post(body, headers = { 'content-type': 'application/json' }) {
      const response = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    async close() {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      await server.stop();
    },
  };
}

describe('limits on the HTTP request', () => {
  let kit: HttpKit;
  beforeAll(async () => (kit = await httpKit({ maxBodyBytes: 2048, maxTokens: 100 })));
  afterAll(() => kit.close());

  it('body over the size limit → 413 REQUEST_TOO_LARGE with the limit and its size in bytes', async () => {
    const body = JSON.stringify({ query: '{ items { code } }', variables: { pad: 'x'.repeat(3000) } });
    const { status, body: answer } = await kit.post(body);
    expect([status, answer.errors[0].extensions]).toEqual([413, { code: 'REQUEST_TOO_LARGE', limit: 2048, measured: Buffer.byteLength(body) }]);
  });

  it('a JSON array of operations → 400 BATCHING_NOT_ALLOWED with how many were sent', async () => {
    const { status, body } = await kit.post([{ query: '{ items { code } }' }, { query: '{ items { name } }' }]);
    expect([status, body.errors[0].extensions]).toEqual([400, { code: 'BATCHING_NOT_ALLOWED', limit: 1, measured: 2 }]);
  });

  it('document over the token limit → 400 MAX_TOKENS_EXCEEDED, counted up to the first token over it', async () => {
    const { status, body } = await kit.post({ query: `{ items { ${'code '.repeat(200)}} }` });
    expect([status, body.errors[0].extensions]).toEqual([400, { code: 'MAX_TOKENS_EXCEEDED', limit: 100, measured: 101 }]);
  });

  it('document at the token limit → served', async () => {
    // `{ person ( idNumber : "…" ) {` and `} }`: 10 tokens around 90 fields.
    const { status, body } = await kit.post({ query: `{ person(idNumber: "${VALID_ID_NUMBER}") { ${'name '.repeat(90)}} }` });
    expect([status, body]).toEqual([200, { data: { person: null } }]);
  });

  it('comments are not tokens', async () => {
    expect((await kit.post({ query: `# ${'comment '.repeat(200)}\n{ items { code } }` })).status).toBe(200);
  });

  it('GET with a document over the token limit → 400 MAX_TOKENS_EXCEEDED', async () => {
    const query = encodeURIComponent(`{ items { ${'code '.repeat(200)}} }`);
    const response = await fetch(`${kit.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect([response.status, ((await response.json()) as any).errors[0].extensions.code]).toEqual([400, 'MAX_TOKENS_EXCEEDED']);
  });

  it('variables nesting arrays deeper than 64 → 400 BAD_REQUEST before the body is parsed', async () => {
    const { status, body } = await kit.post(`{"query":"{ items { code } }","variables":{"v":${'['.repeat(500)}${']'.repeat(500)}}}`);
    expect([status, body.errors[0].extensions]).toEqual([400, { code: 'BAD_REQUEST', limit: 64, measured: 65 }]);
  });
});

describe('CSRF prevention', () => {
  let kit: HttpKit;
  beforeAll(async () => (kit = await httpKit({})));
  afterAll(() => kit.close());

  it('a simple GET without a preflight header → 400', async () => {
    const response = await fetch(`${kit.url}?query=${encodeURIComponent('{ items { code } }')}`);
    expect([response.status, ((await response.json()) as any).errors[0].message]).toEqual([400, expect.stringContaining('Cross-Site Request Forgery')]);
  });

  it('a text/plain POST without a preflight header → 400', async () => {
    const { status, body } = await kit.post(JSON.stringify({ query: '{ items { code } }' }), { 'content-type': 'text/plain' });
    expect([status, body.errors[0].message]).toEqual([400, expect.stringContaining('Cross-Site Request Forgery')]);
  });

  it('a GET with a preflight header → served', async () => {
    const response = await fetch(`${kit.url}?query=${encodeURIComponent('{ items { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
  });
});

describe('field suggestions', () => {
  const misspelt = { query: '{ itemz { code } }' };

  it('in production → the validation error suggests no field name', async () => {
    const kit = await httpKit({}, 'production');
    const { status, body } = await kit.post(misspelt);
    await kit.close();
    expect([status, body.errors[0].message]).toEqual([400, 'Cannot query field "itemz" on type "Query".']);
  });

  it('in development → the validation error suggests the field', async () => {
    const kit = await httpKit({}, 'development');
    const { body } = await kit.post(misspelt);
    await kit.close();
    expect(body.errors[0].message).toBe('Cannot query field "itemz" on type "Query". Did you mean "items"?');
  });
});
