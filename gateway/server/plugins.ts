import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { auditPlugin, type GatewayAudit } from '../audit';
import { introspectionPlugin } from '../policy';
import type { RequestContext } from '../request';
import { requestLogPlugin } from './requestLogPlugin';

export interface GatewayPluginsOptions {
  log: Logger;
  /** Production mode: anonymous callers get no introspection. */
  production?: boolean;
  /** The audit ledger every request is recorded in (`GatewayAudit`). */
  audit: GatewayAudit;
  /** Stage 2, the operation limits (`useOperationLimits(...).plugin`). */
  limits?: ApolloServerPlugin<RequestContext>;
  /** Stage 2's persisted and safelisted operations (`usePersistedOperations().plugins`). */
  operations?: ApolloServerPlugin<RequestContext>[];
  /** OpenTelemetry traces (`useTracing`), first so that a request's span covers every other plugin. */
  tracing?: ApolloServerPlugin<RequestContext>;
  /** Prometheus metrics (`useMetrics`), last. */
  metrics?: ApolloServerPlugin<RequestContext>;
}

/**
 * Every Apollo Server plugin of the gateway, in the order of the request path, composed here
 * and nowhere else. The whole path, stage by stage:
 *
 *   1 authenticate  `authenticate/`: the context (`createReaderContext`) builds the one
 *                   `Reader` (token, purpose, case) and ends the request with 401 / 400
 *                   before any GraphQL work;
 *   2 limit         `limit/`: rate limits while the context is built (429); body size, batches
 *                   and tokens as HTTP middleware; depth, aliases, root fields, directives, cost
 *                   per role, strings and identifiers after parsing and BEFORE validation (400);
 *                   persisted / safelisted operations;
 *   3 decide        `policy/`: introspection for authenticated callers only (production), and
 *                   the field-level policies in the gateway's executor (`PolicyEnforcingGateway`),
 *                   after validation and BEFORE planning; its decisions go to `POLICY_OUTCOME`;
 *   4 plan/execute  @apollo/gateway, each department fetch through `execute/`'s data source:
 *                   the gateway token, a timeout and a breaker per department;
 *   5 audit         `audit/`: one sealed record per request before the response is sent
 *                   (`auditPlugin`); refusals of stage 1 by `auditedContext`.
 *
 * Observability is beside the stages, not one of them: `useTracing` (a span per request and
 * per department fetch) and `useMetrics` (counted at `willSendResponse`; requests refused
 * while the context is built, at `contextCreationDidFail`).
 */
export function gatewayPlugins({ log, production = false, audit, limits, operations = [], tracing, metrics }: GatewayPluginsOptions): ApolloServerPlugin<RequestContext>[] {
  return [
    ...(tracing ? [tracing] : []),
    // Apollo's landing page loads from a CDN; we serve our own offline IDE and console (webPages.ts).
    ApolloServerPluginLandingPageDisabled(),
    // 2 limit: operation limits, then persisted and safelisted operations.
    ...(limits ? [limits] : []),
    ...operations,
    // 3 decide: introspection (the field policies are in the gateway's executor).
    introspectionPlugin({ production }),
    // 5 audit.
    auditPlugin(audit),
    requestLogPlugin(log),
    ...(metrics ? [metrics] : []),
  ];
}
