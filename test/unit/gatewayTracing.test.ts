import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { useTracing, type GatewayTracing } from '../../gateway/tracing';
import { requestError } from '../../schema/contracts/errorCodes';

/**
 * The tracing plugin over a small Apollo Server, its spans kept in memory. A resolver stands
 * in for the gateway's executor: it fetches from a stand-in department through the data
 * source wrapper, as the gateway's plan would.
 */
interface TestContext {
  requestId: string;
}

/** Keeps what it is given; keeps it after shutdown too (the SDK's own in-memory exporter empties itself then). */
class KeptSpans implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.spans.push(...spans);
    done({ code: 0 });
  }
  async shutdown(): Promise<void> {}
}

function department(answer: () => Promise<unknown>): GraphQLDataSource<TestContext> {
  return { process: answer } as unknown as GraphQLDataSource<TestContext>;
}

async function traced(query: string, fetchFrom?: GraphQLDataSource<TestContext>): Promise<ReadableSpan[]> {
  const exporter = new KeptSpans();
  const tracing: GatewayTracing<TestContext> = useTracing<TestContext>({ requestIdOf: (context) => context.requestId, exporter });
  const source = fetchFrom && tracing.observe('population', fetchFrom);
  const resolvers = {
    Query: {
      hello: async (_: unknown, __: unknown, context: TestContext) => {
        await source?.process({ kind: 'incoming operation', incomingRequestContext: {}, context, request: {} } as unknown as GraphQLDataSourceProcessOptions<TestContext>);
        return 'hi';
      },
    },
  };
  const server = new ApolloServer<TestContext>({ typeDefs: 'type Query { hello: String }', resolvers, plugins: [tracing] });
  await server.start();
  await server.executeOperation({ query }, { contextValue: { requestId: 'req-0001' } });
  // Stopping the server shuts the tracer down, which sends the spans still batched.
  await server.stop();
  return exporter.spans;
}

const named = (spans: ReadableSpan[], name: string) => spans.find((span) => span.name === name);

describe('useTracing (gateway)', () => {
  it('gives a request one span carrying its request id, operation and outcome', async () => {
    const spans = await traced('query Greeting { hello }');
    expect(named(spans, 'graphql request')?.attributes).toEqual({
      'govgraph.request_id': 'req-0001',
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Greeting',
      'govgraph.outcome': 'ok',
    });
  });

  it('leaves off an operation name that holds an ID number', async () => {
    const spans = await traced('query Lookup11010519491231002X { hello }');
    expect(named(spans, 'graphql request')?.attributes).not.toHaveProperty('graphql.operation.name');
  });

  it("gives each department fetch a span that is a child of its request's span", async () => {
    const spans = await traced(
      '{ hello }',
      department(async () => ({ data: {} })),
    );
    const request = named(spans, 'graphql request');
    const fetch = named(spans, 'fetch population');
    expect([fetch?.parentSpanId, fetch?.spanContext().traceId, fetch?.attributes['govgraph.department']]).toEqual([
      request?.spanContext().spanId,
      request?.spanContext().traceId,
      'population',
    ]);
  });

  it("marks a failed fetch's span as an error, naming only the error's code", async () => {
    const spans = await traced(
      '{ hello }',
      department(async () => {
        throw requestError('SUBGRAPH_UNAVAILABLE', 'Department population did not answer', { department: 'population' });
      }),
    );
    expect(named(spans, 'fetch population')?.status).toEqual({ code: 2, message: 'SUBGRAPH_UNAVAILABLE' });
  });
});
