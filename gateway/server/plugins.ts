import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { auditPlugin, type GatewayAudit } from '../audit';
import type { RequestContext } from '../request';
import type { GatewayContext } from './GatewayContext';
import { introspectionPlugin } from './introspectionPlugin';
import { requestLogPlugin } from './requestLogPlugin';

export interface GatewayPluginsOptions {
  log: Logger;
  /** Production mode: anonymous callers get no introspection. */
  production?: boolean;
  /** The audit ledger every request is recorded in (`GatewayAudit`). */
  audit: GatewayAudit;
  /** Stage 2, the operation limits (`useOperationLimits(...).plugin`). */
  limits?: ApolloServerPlugin<RequestContext>;
}

/**
 * Every plugin of the gateway, in the order their hooks run, composed here and nowhere else.
 *
 * Where each stage of the request path lives:
 *   1 authentication, purpose of use, case: the context (`createGatewayContext`), which
 *     ends the request with 401 / 400 before any GraphQL work;
 *   2 operation limits: `useOperationLimits` (gateway/limit/): body size, batches and tokens
 *     as HTTP middleware; depth, aliases, root fields, directives, cost per role, strings and
 *     identifiers after parsing and BEFORE validation, refused in `didResolveOperation`;
 *   3 the field-level policy: the gateway's executor (`PolicyEnforcingGateway`), which runs
 *     after validation and BEFORE planning. Plans are cached by `queryHash` (and operation
 *     name): a document rewritten per reader gets its own `queryHash`, or one reader's plan
 *     would serve another;
 *   4 the identity token to each subgraph: `SubgraphDataSource.willSendRequest`, reading
 *     what the context holds;
 *   5 audit: `auditPlugin` (`willSendResponse`), reading identity, purpose, case and decisions
 *     from the context; requests refused while the context is built are recorded by
 *     `auditedContext`, the departments called by `GatewayAudit.observe`.
 */
export function gatewayPlugins({ log, production = false, audit, limits }: GatewayPluginsOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Apollo's landing page loads from a CDN; we serve our own offline IDE (landingPage.ts).
    ApolloServerPluginLandingPageDisabled(),
    // Bridge until GatewayContext gives way to RequestContext: startGateway's context carries `reader`.
    ...(limits ? [limits as unknown as ApolloServerPlugin<GatewayContext>] : []),
    introspectionPlugin({ production }),
    auditPlugin(audit),
    requestLogPlugin(log),
  ];
}
