import { EventEmitter } from 'node:events';
import { ApolloServer, type BaseContext } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { useDepartmentMetrics, type DepartmentMetrics } from '../../subgraphs/kit/metrics/useDepartmentMetrics';
import { requestError } from '../../schema/contracts/errorCodes';
import { metricValue, parseMetrics } from '../support/metricsText';

/** A department's metrics: its plugin over a small Apollo Server, and its HTTP and disclosure-log wrappers on stand-ins. */
const typeDefs = `type Query { hello: String, missing: String }`;
const resolvers = {
  Query: {
    hello: () => 'hi',
    missing: () => {
      throw requestError('BAD_USER_INPUT', 'no such record');
    },
  },
};

/** A response as Express's `close` and `finish` events see it. */
const fakeResponse = () => new EventEmitter() as unknown as Response;
const request = {} as Request;

describe('useDepartmentMetrics', () => {
  let metrics: DepartmentMetrics;
  let statements: number;
  const samples = async () => parseMetrics(await metrics.registry.metrics());

  beforeEach(() => {
    statements = 0;
    metrics = useDepartmentMetrics({ department: 'population', statementCount: () => statements });
  });

  async function execute(query: string): Promise<void> {
    const server = new ApolloServer<BaseContext>({ typeDefs, resolvers, plugins: [metrics] });
    await server.start();
    try {
      await server.executeOperation({ query });
    } finally {
      await server.stop();
    }
  }

  it('counts requests by operation and outcome, labelled with the department', async () => {
    await execute('query Person__population__0 { hello missing }');
    expect(metricValue(await samples(), 'govgraph_department_requests_total', { department: 'population', operation: 'Person__population__0', outcome: 'errors' })).toBe(1);
  });

  it('observes the latency of each request under its operation', async () => {
    await execute('query Person__population__0 { hello }');
    expect(metricValue(await samples(), 'govgraph_department_request_duration_seconds_count', { operation: 'Person__population__0' })).toBe(1);
  });

  it('shows the SQL statements the database has counted, read at each scrape', async () => {
    statements = 42;
    expect(metricValue(await samples(), 'govgraph_department_sql_statements_total')).toBe(42);
  });

  it('counts a request in flight until its response closes', async () => {
    const res = fakeResponse();
    metrics.inFlight(request, res, jest.fn());
    const during = metricValue(await samples(), 'govgraph_department_requests_in_flight');
    res.emit('close');
    expect([during, metricValue(await samples(), 'govgraph_department_requests_in_flight')]).toEqual([1, 0]);
  });

  it('counts a request its guard answers itself (a refused gateway token) as (unresolved), rejected', async () => {
    const res = fakeResponse();
    metrics.countRefusals((_req, response) => response.emit('finish'))(request, res, jest.fn());
    expect(metricValue(await samples(), 'govgraph_department_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(1);
  });

  it('counts nothing for a request its guard passes on', async () => {
    const res = fakeResponse();
    metrics.countRefusals((_req, _res, pass) => pass())(request, res, jest.fn());
    res.emit('finish');
    expect(metricValue(await samples(), 'govgraph_department_requests_total')).toBeUndefined();
  });

  it('passes a request on when its guard does', () => {
    const next = jest.fn() as NextFunction;
    metrics.countRefusals((_req, _res, pass) => pass())(request, fakeResponse(), next);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('counts disclosure-log writes that succeed as ok', async () => {
    await metrics.countWrites({ write: async () => undefined }).write([{} as never]);
    expect(metricValue(await samples(), 'govgraph_department_disclosure_writes_total', { result: 'ok' })).toBe(1);
  });

  it('counts a disclosure-log write that fails as failed, and still throws', async () => {
    const writer = metrics.countWrites({
      write: async () => {
        throw new Error('disk full');
      },
    });
    await expect(writer.write([{} as never])).rejects.toThrow('disk full');
    expect(metricValue(await samples(), 'govgraph_department_disclosure_writes_total', { result: 'failed' })).toBe(1);
  });
});
