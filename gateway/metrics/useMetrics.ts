import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Registry } from 'prom-client';
import { metricsRoute, operationLabel, responseOutcomeOf, UNRESOLVED_OPERATION } from '../../schema/contracts/metrics';
import { errorCodeLabel, refusalCodeOf } from './errorCodeLabel';
import { createGatewayMetricSet, type BreakerState, type FetchOutcome } from './gatewayMetricSet';
import { persistedQueryResultOf } from './persistedQueryResultOf';

export interface MetricsOptions<TContext> {
  /** The coordinates (`Type.field`) the policy stage withheld from this request's reader. */
  deniedCoordinatesOf?: (context: TContext) => readonly string[];
  /** Whether the response cache had this request's answer (absent: not asked). */
  cacheResultOf?: (context: TContext) => 'hit' | 'miss' | undefined;
  /** Each department's circuit breaker, read at each scrape. */
  breakerStates?: () => Readonly<Record<string, BreakerState>>;
  /** The bearer token `/metrics` asks for; none: open to whoever reaches the port. */
  token?: string;
  /** Distinct operation names kept as labels (the rest count as `(other)`); defaults to 100. */
  maxOperationNames?: number;
}

/** The gateway's metrics: an Apollo Server plugin, plus the registry, its route, and what other parts report through. */
export interface GatewayMetrics<TContext extends BaseContext> extends ApolloServerPlugin<TContext> {
  readonly registry: Registry;
  /** `GET /metrics`: the registry, then the process's metrics. */
  readonly route: RequestHandler;
  /** One fetch to a department ended (called by the data source). */
  observeFetch(department: string, seconds: number, outcome: FetchOutcome): void;
  /**
   * A request refused before Apollo Server saw it (an Express error: a body not JSON, too
   * large; a refusal by middleware). Those refused while the context is built (401, 429, 400)
   * or that Apollo Server finds invalid are counted by the plugin itself.
   */
  observeRefusal(error: unknown): void;
}

/**
 * Prometheus metrics of one gateway instance, on a registry of its own: requests by
 * operation and outcome and their latency, error codes (limits, rate limits, policy,
 * persisted queries, tokens), policy denials by coordinate, persisted-query hits and
 * misses, fetches to each department and their latency, breaker states; its route shows
 * the process's own after them. No label carries anything a client chose freely, nor
 * personal data.
 */
export function useMetrics<TContext extends BaseContext>({
  deniedCoordinatesOf = () => [],
  cacheResultOf = () => undefined,
  breakerStates = () => ({}),
  token,
  maxOperationNames = 100,
}: MetricsOptions<TContext> = {}): GatewayMetrics<TContext> {
  const registry = new Registry();
  const metrics = createGatewayMetricSet(registry, breakerStates);
  const labelOf = operationLabel(maxOperationNames);
  const observeRefusal = (error: unknown): void => {
    metrics.requests.inc({ operation: UNRESOLVED_OPERATION, outcome: 'rejected' });
    metrics.errors.inc({ code: refusalCodeOf(error) });
  };

  return {
    registry,
    route: metricsRoute(registry, token),
    observeFetch(department, seconds, outcome) {
      metrics.fetches.inc({ department, outcome });
      if (outcome !== 'circuit-open') metrics.fetchDuration.observe({ department }, seconds);
    },
    observeRefusal,
    async contextCreationDidFail({ error }) {
      observeRefusal(error);
    },
    async invalidRequestWasReceived({ error }) {
      observeRefusal(error);
    },
    async requestDidStart() {
      const end = metrics.duration.startTimer();
      return {
        async willSendResponse({ contextValue, operation, response, metrics: requestMetrics }) {
          const label = operation ? labelOf(operation.name?.value) : UNRESOLVED_OPERATION;
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const codes = [...new Set((result.errors ?? []).map((error) => errorCodeLabel(error.extensions?.code)))];
          metrics.requests.inc({ operation: label, outcome: responseOutcomeOf(response) });
          end({ operation: label });
          for (const code of codes) metrics.errors.inc({ code });
          for (const coordinate of new Set(deniedCoordinatesOf(contextValue))) metrics.denials.inc({ coordinate: coordinateLabel(coordinate) });
          const persisted = persistedQueryResultOf(requestMetrics, codes);
          if (persisted) metrics.persistedQueries.inc({ result: persisted });
          const cached = cacheResultOf(contextValue);
          if (cached) metrics.responseCache.inc({ result: cached });
        },
      };
    },
  };
}

/** A schema coordinate (`Type.field`) as the policy stage reports it; anything else is not one, and is not shown. */
function coordinateLabel(coordinate: string): string {
  return /^[A-Za-z_]\w{0,99}\.[A-Za-z_]\w{0,99}$/.test(coordinate) ? coordinate : '(other)';
}
