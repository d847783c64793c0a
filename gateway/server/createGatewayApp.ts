import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from 'pino';
import type { GatewayJwks } from '../../schema/contracts/gatewayToken';
import type { GatewayConfig } from '../config';
import { EVENTS_PATH } from '../events';
import { assignRequestId, type CreateContext, type RequestContext } from '../request';
import { handleHttpError } from './handleHttpError';
import { healthRoute, type HealthSources } from './healthRoute';
import { JWKS_PATH, jwksRoute } from './jwksRoute';
import type { ReadinessReport } from './readiness';
import { CONSOLE_PAGE, IDE_PAGE, serveAssets, servePage, wantsPage } from './webPages';

/** What the app serves: the GraphQL server and its context, and the sources of `/health`, `/ready`, `/metrics`. */
export interface GatewayAppOptions extends HealthSources {
  server: ApolloServer<RequestContext>;
  /** Builds each request's context: the stages that run before GraphQL work (authenticate, rate limits). */
  context: CreateContext;
  config: GatewayConfig;
  log: Logger;
  /** Prometheus metrics (`useMetrics`): served at `/metrics`, and told of requests Express refuses. */
  metrics?: { route: RequestHandler; observeRefusal(error: unknown): void };
  /** What reads the `/graphql` body, with the limits it meets first (`useOperationLimits(...).httpMiddleware`). */
  bodyLimits?: (RequestHandler | ErrorRequestHandler)[];
  /** Whether this instance can serve now, for `/ready`. */
  readiness: () => Promise<ReadinessReport>;
  /** The public keys of the department tokens, served at `/.well-known/jwks.json`. */
  jwks: GatewayJwks;
  /** `GET /events`, the application updates as server-sent events (`eventsRoute`). */
  events?: RequestHandler;
}

/**
 * The gateway's HTTP routes: `/graphql` (and the IDE for browsers), `/` (the IDE), `/console`
 * (the console), `/assets/` (their built scripts),
 * `/health` (liveness and the departments), `/ready` (whether to send it traffic), `/metrics`,
 * `/.well-known/jwks.json` (the keys departments verify the gateway's tokens with), `/events`
 * (the reader's application updates, as server-sent events).
 */
export function createGatewayApp(options: GatewayAppOptions): Express {
  const { server, context, config, log, metrics, bodyLimits } = options;
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, the client address anonymous rate limits key on comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.get('/health', healthRoute(options));
  app.get('/ready', async (_req: Request, res: Response) => {
    const report = await options.readiness();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
  if (metrics) app.get('/metrics', metrics.route);
  app.get(JWKS_PATH, jwksRoute(options.jwks));
  if (options.events) app.get(EVENTS_PATH, options.events);
  const ide = servePage(config.webDir, IDE_PAGE);
  app.get('/', ide);
  app.get('/graphql', (req, res, next) => (wantsPage(req) ? ide(req, res, next) : next()));
  app.get(['/console', '/console/*rest'], servePage(config.webDir, CONSOLE_PAGE));
  app.use('/assets', serveAssets(config.webDir));
  app.use('/graphql', ...(bodyLimits ?? [express.json({ limit: config.limits.maxBodyBytes })]), expressMiddleware(server, { context }));
  if (metrics) {
    app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) => {
      metrics.observeRefusal(error);
      next(error);
    });
  }
  app.use(handleHttpError(log));
  return app;
}
