import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind, type GraphQLDataSourceProcessOptions } from '@apollo/gateway/dist/datasources/types';
import type { GraphQLError } from 'graphql';
import pino from 'pino';
import { SubgraphDataSource } from '../../gateway/execute';
import { anonymousReader, type RequestContext } from '../../gateway/request';

const log = pino({ level: 'silent' });

/** One fake subgraph for the file: records each request's headers and answers as `respond` says (or never). */
const subgraph = {
  url: '',
  received: [] as http.IncomingHttpHeaders[],
  respond: (_req: http.IncomingMessage, _res: http.ServerResponse): void => undefined,
};
const server = http.createServer((req, res) => {
  subgraph.received.push(req.headers);
  req.resume();
  req.on('end', () => subgraph.respond(req, res));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  subgraph.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  subgraph.received = [];
});

function incoming(requestId: string, query = '{ __typename }'): GraphQLDataSourceProcessOptions<RequestContext> {
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query },
    incomingRequestContext: {} as never,
    context: { reader: anonymousReader(requestId), clientAddress: '127.0.0.1' },
  };
}

const answerJson = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"data":{"__typename":"Query"}}');
};

const answer = (status: number, body: unknown) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

async function failureOf(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the request to fail');
}

const source = (name = 'beta', timeoutMs?: number) => new SubgraphDataSource({ name, url: subgraph.url, log, timeoutMs });

describe('SubgraphDataSource', () => {
  it('forwards the request id to the subgraph as x-request-id', async () => {
    subgraph.respond = answerJson;
    await source().process(incoming('req-42'));
    expect(subgraph.received[0]['x-request-id']).toBe('req-42');
  });

  it('reports a refused connection as SUBGRAPH_UNAVAILABLE naming the department, reason unavailable, not the URL', async () => {
    const error = await failureOf(new SubgraphDataSource({ name: 'alpha', url: 'http://127.0.0.1:1/graphql', log }).process(incoming('r')));
    expect({ message: error.message, extensions: error.extensions }).toEqual({
      message: 'Department alpha did not answer; its fields are missing from this result.',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', department: 'alpha', reason: 'unavailable' },
    });
  });

  it('reports an HTTP 500 answer as SUBGRAPH_UNAVAILABLE, reason unavailable', async () => {
    subgraph.respond = (_req, res) => res.writeHead(500).end('boom at /srv/secret.js:12');
    const error = await failureOf(source().process(incoming('r')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'unavailable' });
  });

  it('reports a subgraph that does not answer within the timeout as SUBGRAPH_UNAVAILABLE, reason timeout', async () => {
    subgraph.respond = () => undefined;
    const error = await failureOf(source('beta', 100).process(incoming('r')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'timeout' });
  });

  it('reports a department that answers 503 DEPARTMENT_BUSY as SUBGRAPH_UNAVAILABLE, reason busy', async () => {
    subgraph.respond = answer(503, { errors: [{ message: 'busy', extensions: { code: 'DEPARTMENT_BUSY', department: 'beta' } }] });
    const error = await failureOf(source().process(incoming('r')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'busy' });
  });

  it('reports a department that refuses the gateway token (401) as SUBGRAPH_UNAVAILABLE, reason refused', async () => {
    subgraph.respond = answer(401, { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] });
    const error = await failureOf(source().process(incoming('r')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'refused' });
  });

  it('sends a mutation whose connection drops once: nothing is retried', async () => {
    subgraph.respond = answerJson;
    const dataSource = source();
    // A kept-alive connection first: a fetcher that retries would do it on the next request's failure.
    await dataSource.process(incoming('r1'));
    subgraph.respond = (req) => req.socket.destroy();
    await failureOf(dataSource.process(incoming('r2', 'mutation { submit }')));
    expect(subgraph.received).toHaveLength(2);
  });
});
