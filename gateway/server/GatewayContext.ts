import type { Response } from 'express';

/**
 * What the gateway knows about one request, built fresh for each. Plugins and the
 * subgraph data source read it; later stages (identity, purpose) add their fields here.
 */
export interface GatewayContext {
  /** Generated per request; sent to every subgraph and returned as `x-request-id`. */
  requestId: string;
}

/** The context Apollo Server hands to plugins and data sources for this HTTP request. */
export async function createGatewayContext({ res }: { res: Response }): Promise<GatewayContext> {
  return { requestId: String(res.locals.requestId) };
}
