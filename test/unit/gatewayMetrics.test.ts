import { createHash } from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { useMetrics, type BreakerState, type MetricsOptions } from '../../gateway/metrics';
import { metricsText } from '../../schema/contracts/metrics';
import { ERROR_CODES, requestError } from '../../schema/contracts/errorCodes';
import { metricValue, parseMetrics, type MetricSample } from '../support/metricsText';

/** The gateway's metrics plugin over a small Apollo Server; requests go through its HTTP entry, so refusals while the context is built are seen as in the gateway. */
interface TestContext {
  denied?: readonly string[];
}

const typeDefs = `type Query { hello: String, secret: String }`;
const resolvers = {
  Query: {
    hello: () => 'hi',
    secret: () => {
      throw requestError('FORBIDDEN', 'withheld', { coordinate: 'Query.secret' });
    },
  },
};

function harness(options: MetricsOptions<TestContext> = {}) {
  const metrics = useMetrics<TestContext>({ deniedCoordinatesOf: (context) => context.denied ?? [], ...options });
  const server = new ApolloServer<TestContext>({ typeDefs, resolvers, plugins: [metrics] });
  const started = server.start();
  return {
    metrics,
    async send(body: Record<string, unknown>, context: () => Promise<TestContext> = async () => ({})) {
      await started;
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body },
        context,
      });
      return response.status ?? 200;
    },
    async samples(): Promise<MetricSample[]> {
      return parseMetrics(await metrics.registry.metrics());
    },
    stop: () => server.stop(),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('useMetrics (gateway)', () => {
  let test: ReturnType<typeof harness>;
  let states: Record<string, BreakerState>;

  beforeEach(() => {
    states = {};
    test = harness({ maxOperationNames: 3, breakerStates: () => states });
  });

  afterEach(async () => {
    await test.stop();
  });

  it('counts a served request under its operation name, outcome ok', async () => {
    await test.send({ query: 'query Greeting { hello }' });
    expect(metricValue(await test.samples(), 'govgraph_gateway_requests_total', { operation: 'Greeting', outcome: 'ok' })).toBe(1);
  });

  it('observes the latency of a served request under its operation name', async () => {
    await test.send({ query: 'query Greeting { hello }' });
    expect(metricValue(await test.samples(), 'govgraph_gateway_request_duration_seconds_count', { operation: 'Greeting' })).toBe(1);
  });

  it('counts a request with a field error as outcome errors, and its code once per response', async () => {
    await test.send({ query: 'query Both { hello secret a: secret }' });
    const samples = await test.samples();
    expect(metricValue(samples, 'govgraph_gateway_requests_total', { operation: 'Both', outcome: 'errors' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_errors_total', { code: 'FORBIDDEN' })).toBe(1);
  });

  it('counts a request whose document does not parse as (unresolved), rejected, GRAPHQL_PARSE_FAILED', async () => {
    await test.send({ query: '{ hello' });
    const samples = await test.samples();
    expect(metricValue(samples, 'govgraph_gateway_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
  });

  it('counts a request refused while its context is built (a refused token) as (unresolved), rejected, with its code', async () => {
    const status = await test.send({ query: '{ hello }' }, async () => {
      throw new GraphQLError('token refused', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    });
    const samples = await test.samples();
    expect(status).toBe(401);
    expect(metricValue(samples, 'govgraph_gateway_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
  });

  it('counts a code that is not registered as INTERNAL_SERVER_ERROR, never as the text it carried', async () => {
    await test.send({ query: '{ hello }' }, async () => {
      throw new GraphQLError('no', { extensions: { code: 'CALL_ME_ON_0123456789', http: { status: 429 } } });
    });
    const text = await test.metrics.registry.metrics();
    expect(metricValue(parseMetrics(text), 'govgraph_gateway_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
    expect(text).not.toContain('CALL_ME');
  });

  it('counts a request Apollo Server finds invalid (no query) as rejected with BAD_REQUEST', async () => {
    await test.send({ variables: {} });
    expect(metricValue(await test.samples(), 'govgraph_gateway_errors_total', { code: 'BAD_REQUEST' })).toBe(1);
  });

  it('counts a refusal reported from outside Apollo Server (a body too large) as BAD_REQUEST', async () => {
    test.metrics.observeRefusal(Object.assign(new Error('request entity too large'), { status: 413 }));
    const samples = await test.samples();
    expect(metricValue(samples, 'govgraph_gateway_errors_total', { code: 'BAD_REQUEST' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_requests_total', { operation: '(unresolved)', outcome: 'rejected' })).toBe(1);
  });

  it('keeps the first N distinct operation names and counts every later one as (other)', async () => {
    for (const name of ['A', 'B', 'C', 'D', 'E', 'A']) await test.send({ query: `query ${name} { hello }` });
    const samples = await test.samples();
    const operations = samples.filter((s) => s.name === 'govgraph_gateway_requests_total').map((s) => [s.labels.operation, s.value]);
    expect(Object.fromEntries(operations)).toEqual({ A: 2, B: 1, C: 1, '(other)': 2 });
  });

  it('counts an operation whose name holds an ID number as (other)', async () => {
    await test.send({ query: 'query Lookup11010519491231002X { hello }' });
    const text = await test.metrics.registry.metrics();
    expect(metricValue(parseMetrics(text), 'govgraph_gateway_requests_total', { operation: '(other)' })).toBe(1);
    expect(text).not.toContain('11010519491231002X');
  });

  it('counts an operation without a name as (anonymous)', async () => {
    await test.send({ query: '{ hello }' });
    expect(metricValue(await test.samples(), 'govgraph_gateway_requests_total', { operation: '(anonymous)', outcome: 'ok' })).toBe(1);
  });

  it('counts each coordinate the policy stage withheld once per request', async () => {
    await test.send({ query: '{ hello }' }, async () => ({ denied: ['Person.phone', 'Person.phone', 'Person.name'] }));
    const samples = await test.samples();
    expect(metricValue(samples, 'govgraph_gateway_policy_denials_total', { coordinate: 'Person.phone' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_policy_denials_total', { coordinate: 'Person.name' })).toBe(1);
  });

  it('counts an automatic persisted query as miss, then register, then hit', async () => {
    const query = 'query Greeting { hello }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    await test.send({ extensions: { persistedQuery } });
    await test.send({ query, extensions: { persistedQuery } });
    await test.send({ extensions: { persistedQuery } });
    const samples = await test.samples();
    const results = ['miss', 'register', 'hit'].map((result) => metricValue(samples, 'govgraph_gateway_persisted_queries_total', { result }));
    expect(results).toEqual([1, 1, 1]);
  });

  it("shows each department's breaker as 1 on its current state and 0 on the others", async () => {
    states = { population: 'open', market: 'closed' };
    const samples = await test.samples();
    const population = ['closed', 'open', 'half-open'].map((state) => metricValue(samples, 'govgraph_gateway_breaker_state', { department: 'population', state }));
    expect(population).toEqual([0, 1, 0]);
  });

  it('counts fetches to a department by outcome and observes the latency of those sent', async () => {
    test.metrics.observeFetch('population', 0.02, 'ok');
    test.metrics.observeFetch('population', 5, 'timeout');
    test.metrics.observeFetch('population', 0, 'circuit-open');
    const samples = await test.samples();
    expect(metricValue(samples, 'govgraph_gateway_department_fetches_total', { department: 'population', outcome: 'timeout' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_department_fetches_total', { department: 'population', outcome: 'circuit-open' })).toBe(1);
    expect(metricValue(samples, 'govgraph_gateway_department_fetch_duration_seconds_count', { department: 'population' })).toBe(2);
  });

  it('shows every registered error code from the start, at 0', async () => {
    const samples = await test.samples();
    const codes = samples.filter((s) => s.name === 'govgraph_gateway_errors_total').map((s) => s.labels.code);
    expect(codes.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it("shows the process's own metrics after the gateway's: CPU, memory, event-loop lag", async () => {
    const names = new Set(parseMetrics(await metricsText(test.metrics.registry)).map((s) => s.name));
    expect(['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds'].filter((n) => !names.has(n))).toEqual([]);
  });

  it('keeps the counts of two gateways in one process apart', async () => {
    const other = harness();
    try {
      await test.send({ query: 'query Greeting { hello }' });
      expect(metricValue(await other.samples(), 'govgraph_gateway_requests_total')).toBeUndefined();
    } finally {
      await other.stop();
    }
  });
});
