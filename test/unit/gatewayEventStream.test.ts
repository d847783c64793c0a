import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'express';
import pino from 'pino';
import { commentFrame, eventFrame, EventStream, loopbackGraphqlUrl, StreamLimits, type HeadPoller, type QueryUpdates, type UpdatesAnswer } from '../../gateway/events';
import { openSse, updateOf, type SseConnection } from '../support/sseClient';

/**
 * One `/events` stream on its own: what it sends for each answer of its queries, when it asks,
 * how it ends. Its queries and the shared head are stand-ins here; the gateway's own are
 * exercised in test/integration/gatewayEvents.test.ts.
 */
const log = pino({ level: 'silent' });

/** A head moved by hand. */
function manualHead(initial?: number): HeadPoller & { move(head: number): void } {
  const listeners = new Set<(head: number) => void>();
  let current = initial;
  return {
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health: () => ({ head: current ?? null, lastError: null }),
    close: () => listeners.clear(),
    move(head) {
      current = head;
      listeners.forEach((listener) => listener(head));
    },
  };
}

const update = (cursor: string) => ({ cursor, kind: 'STATUS', status: 'ACCEPTED' });
const page = (cursors: string[], full = false): UpdatesAnswer => ({ kind: 'page', updates: cursors.map(update), cursor: cursors.at(-1) ?? null, full });

describe('an events stream', () => {
  let server: http.Server;
  let url: string;
  let make: (res: Response) => EventStream;
  const connections: SseConnection[] = [];

  beforeAll(async () => {
    server = http.createServer((_req, res) => make(res as unknown as Response).start());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  });

  afterEach(() => connections.splice(0).forEach((connection) => connection.close()));

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens a stream whose queries answer `answers` in turn (then empty pages), noting each `after` asked. */
  async function stream(answers: UpdatesAnswer[], head = manualHead(0), expiresAtMs: number | null = null) {
    const asked: (string | null)[] = [];
    const queryUpdates: QueryUpdates = async (_scope, after) => {
      asked.push(after);
      return answers.shift() ?? page([]);
    };
    make = (res) =>
      new EventStream({ res, scope: 'mine', after: null, headers: {}, expiresAtMs, queryUpdates, head, heartbeatMs: 60_000, requestId: 'r1', log, onClose: () => {} });
    const connection = await openSse(url);
    connections.push(connection);
    return { connection, asked, head };
  }

  it('a full page → the next page asked at once, after its last update', async () => {
    const { connection, asked } = await stream([page(['1', '2'], true), page(['3'])]);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await connection.next((f) => f.event === 'application-update')).id);
    expect({ ids, asked }).toEqual({ ids: ['1', '2', '3'], asked: [null, '2'] });
  });

  it('a query that fails for now → asked again after the wait it was given, the stream kept open', async () => {
    const { connection, asked } = await stream([{ kind: 'retry', afterMs: 30, why: 'RATE_LIMITED' }, page(['1'])]);
    const frame = await connection.next((f) => f.event === 'application-update');
    expect({ cursor: updateOf(frame).cursor, asked }).toEqual({ cursor: '1', asked: [null, null] });
  });

  it('a query refused for good → an end event with its code, then the close', async () => {
    const { connection } = await stream([{ kind: 'end', reason: 'refused', code: 'FORBIDDEN', message: 'not for this reader' }]);
    const end = await connection.next((f) => f.event === 'end');
    await connection.ended;
    expect(JSON.parse(end.data!)).toEqual({ reason: 'refused', code: 'FORBIDDEN', message: 'not for this reader' });
  });

  it('the head moving → one query from the last cursor sent', async () => {
    const { connection, asked, head } = await stream([page(['1']), page(['2'])]);
    await connection.next((f) => f.id === '1');
    head.move(5);
    await connection.next((f) => f.id === '2');
    expect(asked).toEqual([null, '1']);
  });

  it('the head moving while a query runs → one more query after it, not one per move', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: (string | null)[] = [];
    const head = manualHead(0);
    make = (res) =>
      new EventStream({
        res,
        scope: 'mine',
        after: null,
        headers: {},
        expiresAtMs: null,
        head,
        heartbeatMs: 60_000,
        requestId: 'r1',
        log,
        onClose: () => {},
        queryUpdates: async (_scope, after) => {
          asked.push(after);
          if (asked.length === 1) await held;
          return page([String(asked.length)]);
        },
      });
    const connection = await openSse(url);
    connections.push(connection);
    await new Promise((resolve) => setTimeout(resolve, 20));
    head.move(1);
    head.move(2);
    head.move(3);
    release();
    await connection.next((f) => f.id === '2');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asked).toEqual([null, '1']);
  });

  it('the head not known yet → the first query waits for its first answer, and runs once', async () => {
    const { connection, asked, head } = await stream([page(['1'])], manualHead(undefined));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = [...asked];
    head.move(7);
    await connection.next((f) => f.id === '1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect({ before, after: asked }).toEqual({ before: [], after: [null] });
  });

  it('the token expiring → an end event saying so', async () => {
    const { connection } = await stream([], manualHead(0), Date.now() + 50);
    const end = await connection.next((f) => f.event === 'end');
    expect(JSON.parse(end.data!).reason).toBe('token-expired');
  });
});

describe('server-sent event frames', () => {
  it('an event → id, event and one line of JSON data, then a blank line', () => {
    expect(eventFrame('42', 'application-update', { note: 'two\nlines' })).toBe('id: 42\nevent: application-update\ndata: {"note":"two\\nlines"}\n\n');
  });

  it('an id or a comment with a line break → kept on one line', () => {
    expect([eventFrame('4\n2', 'e', null).split('\n')[0], commentFrame('a\r\nb')]).toEqual(['id: 4 2', ': a b\n\n']);
  });
});

describe('stream limits', () => {
  it('a reader at their limit → refused as reader; another reader → taken', () => {
    const limits = new StreamLimits(1, 5);
    expect([limits.take('a'), limits.take('a'), limits.take('b')]).toEqual([null, 'reader', null]);
  });

  it('the instance at its limit → refused as gateway; a stream released → taken again', () => {
    const limits = new StreamLimits(5, 1);
    const refused = [limits.take('a'), limits.take('b')];
    limits.release('a');
    expect([...refused, limits.take('b')]).toEqual([null, 'gateway', null]);
  });
});

describe("the gateway's own /graphql", () => {
  it('listening on every address → reached on the loopback address', () => {
    expect([loopbackGraphqlUrl('0.0.0.0', 4000), loopbackGraphqlUrl('::', 4000), loopbackGraphqlUrl('127.0.0.1', 4000)]).toEqual([
      'http://127.0.0.1:4000/graphql',
      'http://[::1]:4000/graphql',
      'http://127.0.0.1:4000/graphql',
    ]);
  });
});
