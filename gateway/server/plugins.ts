import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import type { GatewayContext } from './GatewayContext';
import { requestLogPlugin } from './requestLogPlugin';

export interface GatewayPluginsOptions {
  log: Logger;
}

/**
 * Every plugin of the gateway, in the order their hooks run, composed here and nowhere else.
 *
 * Where a stage of the request path belongs:
 *   - authentication, operation limits: `requestDidStart` / `didResolveOperation`;
 *   - the field-level policy: `didResolveOperation`, which runs after validation and BEFORE
 *     the gateway plans (planning happens in the gateway's executor). Plans are cached by
 *     `requestContext.queryHash` (and operation name): a plugin that rewrites the document
 *     per identity must give the rewritten document its own `queryHash`, or one reader's
 *     plan serves another;
 *   - the identity token to each subgraph: `SubgraphDataSource.willSendRequest`, reading
 *     what the plugins put in the context;
 *   - audit: `willSendResponse`.
 */
export function gatewayPlugins({ log }: GatewayPluginsOptions): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Apollo's landing page loads from a CDN; we serve our own offline IDE (landingPage.ts).
    ApolloServerPluginLandingPageDisabled(),
    requestLogPlugin(log),
  ];
}
