import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Span } from '@opentelemetry/api';
import { isShowableOperationName, responseOutcomeOf } from '../../schema/contracts/metrics';
import { loadTracer, type TracerSettings } from './loadTracer';

export interface TracingOptions<TContext> extends Partial<TracerSettings> {
  /** The request id the audit ledger holds for this request. */
  requestIdOf: (context: TContext) => string;
}

/** Tracing for one gateway: an Apollo Server plugin, plus the wrapper that traces each department's fetches. */
export interface GatewayTracing<TContext extends BaseContext> extends ApolloServerPlugin<TContext> {
  /** `source`, with a span for each fetch it makes for a request, a child of the request's span. */
  observe<T extends GraphQLDataSource<any>>(department: string, source: T): T;
}

/**
 * OpenTelemetry traces (off unless `observability.tracing`): one span per GraphQL request,
 * `graphql request`, carrying `govgraph.request_id` (the id the audit ledger and the logs
 * hold), the operation's type and name (when showable) and `govgraph.outcome`; one child
 * span per department fetch, `fetch <department>`. Spans carry no variables, no document,
 * no identity.
 */
export function useTracing<TContext extends BaseContext>({
  requestIdOf,
  serviceName = 'govgraph-gateway',
  endpoint,
  exporter,
}: TracingOptions<TContext>): GatewayTracing<TContext> {
  const { api, tracer, shutdown } = loadTracer({ serviceName, endpoint, exporter });
  const requestSpans = new WeakMap<object, Span>();

  return {
    async serverWillStart() {
      return { serverWillStop: shutdown };
    },
    async requestDidStart({ contextValue }) {
      const requestId = requestIdOf(contextValue);
      const span = tracer.startSpan('graphql request', { kind: api.SpanKind.SERVER, attributes: { 'govgraph.request_id': requestId } });
      requestSpans.set(contextValue, span);
      return {
        async willSendResponse({ operation, response }) {
          const name = operation?.name?.value;
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
          if (name && isShowableOperationName(name)) span.setAttribute('graphql.operation.name', name);
          const outcome = responseOutcomeOf(response);
          span.setAttribute('govgraph.outcome', outcome);
          if (outcome === 'rejected') span.setStatus({ code: api.SpanStatusCode.ERROR });
          span.end();
        },
      };
    },
    observe(department, source) {
      const process = source.process.bind(source);
      source.process = async (options) => {
        // Health checks and schema loading carry no client request.
        if (!('incomingRequestContext' in options)) return process(options);
        const parent = requestSpans.get(options.context);
        const span = tracer.startSpan(
          `fetch ${department}`,
          { kind: api.SpanKind.CLIENT, attributes: { 'govgraph.department': department } },
          parent && api.trace.setSpan(api.ROOT_CONTEXT, parent),
        );
        try {
          return await process(options);
        } catch (error) {
          // The code only: an error's message may quote what was asked.
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'error') });
          throw error;
        } finally {
          span.end();
        }
      };
      return source;
    },
  };
}
