import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';
import { SwitchableAuditSink } from '../support/switchableAuditSink';

const readyUrl = (stack: FixtureStack) => stack.gateway.url.replace(/\/graphql$/, '/ready');

describe('GET /ready', () => {
  let stack: FixtureStack;
  const sink = new SwitchableAuditSink();

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { audit: { sink, key: 'an audit key for tests, 32+ bytes long' } } });
  });

  afterEach(() => {
    sink.failing = false;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('everything usable → 200 ready, every check ok', async () => {
    const response = await fetch(readyUrl(stack));
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { status: 'ready', checks: { draining: 'ok', supergraph: 'ok', policies: 'ok', audit: 'ok' } },
    });
  });

  it('the audit store failing → 503 not ready, naming the audit check and why', async () => {
    sink.failing = true;
    const response = await fetch(readyUrl(stack));
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 503,
      body: { status: 'not ready', checks: expect.objectContaining({ audit: expect.stringContaining('read-only file system'), supergraph: 'ok' }) },
    });
  });

  it('a department down → still ready (a degraded graph serves the others)', async () => {
    // Checked last: it stops a department of this file's stack.
    await stack.stopSubgraph('beta');
    expect((await fetch(readyUrl(stack))).status).toBe(200);
  });
});

describe('stopping the gateway', () => {
  it('a request in flight when the gateway stops → answered in full before it closes', async () => {
    const sink = new SwitchableAuditSink();
    const stack = await startFixtureStack({ gateway: { audit: { sink, key: 'an audit key for tests, 32+ bytes long' } } });
    let release!: () => void;
    const held = sink.holdNext(new Promise<void>((resolve) => (release = resolve)));
    const inFlight = fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization(CASEWORKER)) },
      body: JSON.stringify({ query: '{ thing(id: "t1") { id } }' }),
    });
    await held;
    let closed = false;
    const closing = stack.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closedBeforeAnswer = closed;
    release();
    const response = await inFlight;
    expect({ closedBeforeAnswer, status: response.status, body: await response.json() }).toEqual({
      closedBeforeAnswer: false,
      status: 200,
      body: { data: { thing: { id: 't1' } } },
    });
    await closing;
  });
});
