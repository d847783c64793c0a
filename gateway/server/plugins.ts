import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { auditPlugin, type GatewayAudit } from '../audit';
import type { GatewayContext } from './GatewayContext';
import { introspectionPlugin } from './introspectionPlugin';
import { requestLogPlugin } from './requestLogPlugin';

export interface GatewayPluginsOptions {
  log: Logger;
  /** Production mode: anonymous callers get no introspection. */
  production?: boolean;
  /** The audit ledger every request is recorded in (`GatewayAudit`). */
  audit: GatewayAudit;
  /** OpenTelemetry traces (`useTracing`), first so that a request's span covers every other plugin. */
  tracing?: ApolloServerPlugin<GatewayContext>;
  /** Prometheus metrics (`useMetrics`), last. */
  metrics?: ApolloServerPlugin<GatewayContext>;
}

/**
 * Every plugin of the gateway, in the order their hooks run, composed here and nowhere else.
 *
 * Where each stage of the request path lives:
 *   1 authentication, purpose of use, case: the context (`createGatewayContext`), which
 *     ends the request with 401 / 400 before any GraphQL work;
 *   2 operation limits: `didResolveOperation` (next milestone);
 *   3 the field-level policy: the gateway's executor (`PolicyEnforcingGateway`), which runs
 *     after validation and BEFORE planning. Plans are cached by `queryHash` (and operation
 *     name): a document rewritten per reader gets its own `queryHash`, or one reader's plan
 *     would serve another;
 *   4 the identity token to each subgraph: `SubgraphDataSource.willSendRequest`, reading
 *     what the context holds;
 *   5 audit: `auditPlugin` (`willSendResponse`), reading identity, purpose, case and decisions
 *     from the context; requests refused while the context is built are recorded by
 *     `auditedContext`, the departments called by `GatewayAudit.observe`.
 *
 * Observability is beside the stages, not one of them: `useTracing` (a span per request and
 * per department fetch) and `useMetrics` (counted at `willSendResponse`; requests refused
 * while the context is built, at `contextCreationDidFail`).
 */
export function gatewayPlugins({ log, production = false, audit, tracing, metrics }: GatewayPluginsOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    ...(tracing ? [tracing] : []),
    // Apollo's landing page loads from a CDN; we serve our own offline IDE (landingPage.ts).
    ApolloServerPluginLandingPageDisabled(),
    introspectionPlugin({ production }),
    auditPlugin(audit),
    requestLogPlugin(log),
    ...(metrics ? [metrics] : []),
  ];
}
