import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { defineDepartment, startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';

/** Heavy requests wait until the test lets them finish; `started` counts those that began. */
const heavy = { started: 0, release: (): void => undefined, gate: Promise.resolve() };
function closeGate(): void {
  heavy.gate = new Promise<void>((resolve) => (heavy.release = resolve));
}

/** How many times a `children` list was resolved. */
let childLists = 0;
interface TreeNode {
  id: number;
}
const nodes = (n: number): TreeNode[] => Array.from({ length: n }, (_, id) => ({ id }));

/**
 * A department whose `heavy` query runs until released, whose `cheap` query answers at once,
 * and whose `nodes` nest as deep as asked (n^depth items).
 */
const slow = defineDepartment<Record<string, never>, Record<string, never>>({
  name: 'slow',
  title: 'A department with one slow resolver',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { heavy: String  cheap: String  nodes(n: Int!): [Node!]! }
    type Node { id: Int!  children(n: Int!): [Node!]! }
  `),
  migrations: {},
  createLoaders: () => ({}),
  resolvers: {
    Query: {
      heavy: async () => {
        heavy.started++;
        await heavy.gate;
        return 'done';
      },
      cheap: () => 'quick',
      nodes: (_root: unknown, { n }: { n: number }) => nodes(n),
    },
    Node: {
      children: async (_node: TreeNode, { n }: { n: number }) => {
        childLists++;
        return nodes(n);
      },
    },
  },
  seed: async () => undefined,
});

/** A request's settled answer, without failing the test when the caller aborts it. */
function ask(query: string, signal?: AbortSignal): Promise<{ status: number; code?: string; data?: unknown } | 'aborted'> {
  return fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal }).then(
    async (response) => {
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      return { status: response.status, code: body.errors?.[0]?.extensions?.code, data: body.data };
    },
    () => 'aborted',
  );
}

async function health(): Promise<{ active: number; queued: number }> {
  return ((await (await fetch(running.url.replace('/graphql', '/health'))).json()) as { requests: { active: number; queued: number } }).requests;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

let running: RunningSubgraph;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-budget-'));

beforeAll(async () => {
  running = await startSubgraph(slow, { port: 0, dataDir, policies: 'off', watchPolicies: false, budget: { maxConcurrent: 2, maxQueued: 1, maxResultItems: 50 } });
});

afterAll(async () => {
  heavy.release();
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  heavy.release();
  await until(async () => (await health()).active === 0);
  heavy.started = 0;
  closeGate();
});

describe("a department's request budget (2 at once, 1 waiting)", () => {
  it('a cheap request answers while a heavy one runs', async () => {
    const running = ask('{ heavy }');
    await until(async () => heavy.started === 1);
    expect(await ask('{ cheap }')).toEqual({ status: 200, data: { cheap: 'quick' } });
    heavy.release();
    await running;
  });

  it('with every turn and the queue taken → refused at once with HTTP 503 DEPARTMENT_BUSY, not kept waiting', async () => {
    const held = [ask('{ heavy }'), ask('{ heavy }'), ask('{ heavy }')];
    await until(async () => (await health()).queued === 1);
    // Answered while the heavy requests are still held: it did not wait for them.
    expect(await ask('{ cheap }')).toEqual({ status: 503, code: 'DEPARTMENT_BUSY', data: undefined });
    heavy.release();
    await Promise.all(held);
  });

  it('a waiting request runs once a turn frees', async () => {
    const held = [ask('{ heavy }'), ask('{ heavy }')];
    await until(async () => heavy.started === 2);
    const waiting = ask('{ cheap }');
    await until(async () => (await health()).queued === 1);
    heavy.release();
    expect(await waiting).toEqual({ status: 200, data: { cheap: 'quick' } });
    await Promise.all(held);
  });

  it('/health shows the requests running and waiting', async () => {
    const held = [ask('{ heavy }'), ask('{ heavy }'), ask('{ heavy }')];
    await until(async () => (await health()).queued === 1);
    expect(await health()).toEqual({ active: 2, queued: 1 });
    heavy.release();
    await Promise.all(held);
  });

  it('a request whose caller left while it waited never runs', async () => {
    const held = [ask('{ heavy }'), ask('{ heavy }')];
    await until(async () => heavy.started === 2);
    const caller = new AbortController();
    const left = ask('{ heavy }', caller.signal);
    await until(async () => (await health()).queued === 1);
    caller.abort();
    await left;
    // The department learns of the hang-up on its next turn of the event loop, not before.
    await new Promise((resolve) => setTimeout(resolve, 100));
    heavy.release();
    await Promise.all(held);
    await until(async () => (await health()).active === 0);
    expect(heavy.started).toBe(2);
  });

  it('a request its caller abandoned keeps its turn until it has its answer', async () => {
    const caller = new AbortController();
    const abandoned = ask('{ heavy }', caller.signal);
    await until(async () => heavy.started === 1);
    caller.abort();
    await abandoned;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await health()).toEqual({ active: 1, queued: 0 });
  });
});

describe("a department's answer size (50 list items)", () => {
  it('an answer within the limit → served', async () => {
    expect(await ask('{ nodes(n: 5) { id children(n: 5) { id } } }')).toEqual({ status: 200, data: { nodes: nodes(5).map(({ id }) => ({ id, children: nodes(5) })) } });
  });

  it('an answer over the limit → one RESULT_TOO_LARGE error naming the department and the limit, no data', async () => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nodes(n: 5) { id children(n: 5) { id children(n: 5) { id } } } }' }),
    });
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The answer from department slow would hold more than 50 list items; ask for fewer or less deeply nested records.',
          extensions: { code: 'RESULT_TOO_LARGE', department: 'slow', limit: 50 },
        },
      ],
    });
  });

  it('a deeply nested answer → resolving stops once over the limit: it is never built', async () => {
    childLists = 0;
    // 5 + 25 + … + 5^6 items in full: 3,905 children lists to resolve.
    await ask('{ nodes(n: 5) { children(n: 5) { children(n: 5) { children(n: 5) { children(n: 5) { children(n: 5) { id } } } } } } }');
    expect(childLists).toBeLessThan(100);
  });
});

describe('a department that stops', () => {
  it('a request in flight when it stops → answered in full before its connections close', async () => {
    const stopping = await startSubgraph(slow, { port: 0, dataDir, policies: 'off', watchPolicies: false, drainMs: 5000 });
    heavy.started = 0;
    closeGate();
    const inFlight = fetch(stopping.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ heavy }' }) });
    await until(async () => heavy.started === 1);
    let closed = false;
    const closing = stopping.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closedBeforeAnswer = closed;
    heavy.release();
    const response = await inFlight;
    expect({ closedBeforeAnswer, status: response.status, body: await response.json() }).toEqual({ closedBeforeAnswer: false, status: 200, body: { data: { heavy: 'done' } } });
    await closing;
  });
});
