import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind, type GraphQLDataSourceProcessOptions } from '@apollo/gateway/dist/datasources/types';
import type { GraphQLError } from 'graphql';
import pino from 'pino';
import { SubgraphDataSource } from '../../gateway/server/SubgraphDataSource';
import { anonymousReader, type RequestContext } from '../../gateway/request';

const log = pino({ level: 'silent' });

/** A fake subgraph: records request headers and answers as `respond` says (or never). */
async function fakeSubgraph(respond: (res: http.ServerResponse) => void) {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    respond(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function incoming(requestId: string): GraphQLDataSourceProcessOptions<RequestContext> {
  return {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: '{ __typename }' },
    incomingRequestContext: {} as never,
    context: { reader: anonymousReader(requestId), clientAddress: '127.0.0.1' },
  };
}

const answerJson = (res: http.ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"data":{"__typename":"Query"}}');
};

async function failureOf(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected the request to fail');
}

describe('SubgraphDataSource', () => {
  it('forwards the request id to the subgraph as x-request-id', async () => {
    const subgraph = await fakeSubgraph(answerJson);
    try {
      await new SubgraphDataSource({ name: 'alpha', url: subgraph.url, log }).process(incoming('req-42'));
      expect(subgraph.received[0]['x-request-id']).toBe('req-42');
    } finally {
      await subgraph.close();
    }
  });

  it('reports a refused connection as SUBGRAPH_UNAVAILABLE naming the department, not the URL', async () => {
    const error = await failureOf(new SubgraphDataSource({ name: 'alpha', url: 'http://127.0.0.1:1/graphql', log }).process(incoming('r')));
    expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'alpha' });
    expect(error.message).toContain('alpha');
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('reports an HTTP 500 answer as SUBGRAPH_UNAVAILABLE', async () => {
    const subgraph = await fakeSubgraph((res) => res.writeHead(500).end('boom at /srv/secret.js:12'));
    try {
      const error = await failureOf(new SubgraphDataSource({ name: 'beta', url: subgraph.url, log }).process(incoming('r')));
      expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta' });
    } finally {
      await subgraph.close();
    }
  });

  it('reports a subgraph that does not answer within the timeout as SUBGRAPH_UNAVAILABLE', async () => {
    const subgraph = await fakeSubgraph(() => undefined);
    try {
      const started = Date.now();
      const error = await failureOf(new SubgraphDataSource({ name: 'beta', url: subgraph.url, log, timeoutMs: 100 }).process(incoming('r')));
      expect(error.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta' });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await subgraph.close();
    }
  });
});
