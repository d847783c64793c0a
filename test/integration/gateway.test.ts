import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../gateway/server/startGateway';
import { graphqlRequest } from '../support/graphqlRequest';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/** The gateway over two healthy fixture departments that leak internals (devErrors on), so only the gateway hides them. */
describe('gateway', () => {
  let stack: FixtureStack;
  let url: string;
  let origin: string;

  beforeAll(async () => {
    stack = await startFixtureStack({ subgraphDevErrors: true });
    url = stack.gateway.url;
    origin = new URL(url).origin;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('resolves a query that spans two departments', async () => {
    const { status, body } = await graphqlRequest(url, '{ things { id name colour } }');
    expect(status).toBe(200);
    expect(body).toEqual({
      data: {
        things: [
          { id: 't1', name: 'first', colour: 'red' },
          { id: 't2', name: 'second', colour: 'blue' },
        ],
      },
    });
  });

  it('answers a malformed query with 400 and GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await graphqlRequest(url, '{ things { id ');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('answers a query for an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, body } = await graphqlRequest(url, '{ things { id nope } }');
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('passes a department error with a registered code through with its code and message', async () => {
    const { body } = await graphqlRequest(url, '{ thing(id: "missing") { id } }');
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'No thing has id missing',
      path: ['thing'],
      extensions: { code: 'BAD_USER_INPUT', argument: 'id', department: 'alpha' },
    });
    expect(body.errors?.[0].extensions).not.toHaveProperty('serviceName');
  });

  it('hides the SQL and stack trace of a department internal error', async () => {
    const { body } = await graphqlRequest(url, '{ things { id secret } }');
    const text = JSON.stringify(body);
    expect(body.data?.things[0]).toEqual({ id: 't1', secret: null });
    expect(body.errors?.[0]).toMatchObject({ message: 'Internal error in department beta', extensions: { code: 'INTERNAL_SERVER_ERROR', department: 'beta' } });
    expect(text).not.toMatch(/SELECT|SQLITE|stacktrace|at .*\.ts:\d+/);
  });

  it('returns an x-request-id header with every GraphQL response', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ things { id } }' }) });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each request its own x-request-id, ignoring one sent by the client', async () => {
    const send = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'forged' }, body: '{"query":"{ things { id } }"}' });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.headers.get('x-request-id')).not.toBe('forged');
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('answers an unparsable JSON body with 400 JSON and no stack trace', async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/node_modules|at .*\.js:\d+/);
  });

  it('reports every department up on /health when all answer', async () => {
    const response = await fetch(`${origin}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'up',
      subgraphs: { alpha: 'up', beta: 'up' },
      departments: { alpha: { breaker: 'closed' }, beta: { breaker: 'closed' } },
      policies: 'fake',
      policyVersion: null,
    });
  });

  it('serves the query IDE on GET /', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<script src="/assets/ide.js" defer></script>');
  });

  it('serves the query IDE on GET /graphql to a client that accepts HTML', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<script src="/assets/ide.js" defer></script>');
  });

  it('serves no external URL in the query IDE', async () => {
    const html = await (await fetch(`${origin}/`)).text();
    const references = [...html.matchAll(/\b(?:src|href|action)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
    expect(references.filter((ref) => /^(?:[a-z]+:)?\/\//i.test(ref))).toEqual([]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('answers GET /graphql with a query as GraphQL, not the IDE', async () => {
    const response = await fetch(`${url}?query=${encodeURIComponent('{ things { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { things: [{ id: 't1' }, { id: 't2' }] } });
  });
});

describe('gateway start-up', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-gateway-start-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails naming the file and the fix when the supergraph file is missing', async () => {
    const file = path.join(dir, 'missing.graphql');
    await expect(startGateway({ port: 0, supergraphFile: file, watch: false })).rejects.toThrow(new RegExp(`${file}.*govgraph compose`));
  });

  it('fails naming the file when it is not a supergraph', async () => {
    const file = path.join(dir, 'plain.graphql');
    fs.writeFileSync(file, 'type Query { a: Int }');
    await expect(startGateway({ port: 0, supergraphFile: file, watch: true })).rejects.toThrow(file);
  });
});
