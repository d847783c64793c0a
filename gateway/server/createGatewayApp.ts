import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from 'pino';
import type { PolicyHealth } from '../../policies';
import type { GatewayConfig } from '../config';
import { assignRequestId, type CreateContext, type RequestContext } from '../request';
import { handleHttpError } from './handleHttpError';
import type { DepartmentReport } from './departmentsReport';
import { healthRoute } from './healthRoute';
import { serveLandingPage, wantsLandingPage } from './landingPage';
import type { ReadinessReport } from './readiness';
import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

export interface GatewayAppOptions {
  server: ApolloServer<RequestContext>;
  /** Builds each request's context: the stages that run before GraphQL work (authenticate, rate limits). */
  context: CreateContext;
  config: GatewayConfig;
  /** The subgraphs of the supergraph in force, with their resolved URLs. */
  currentSubgraphs: () => SubgraphEndpoint[];
  log: Logger;
  healthTimeoutMs?: number;
  /** The hash of the policies in force, for `/health`; null when they are not enforced. */
  policyVersion?: () => string | null;
  /** Why the last policy change was refused, for `/health`; null when none was. */
  policyError?: () => string | null;
  /** The published policy version in force and the policy store's state, for `/health`. */
  policyHealth?: () => PolicyHealth;
  /** How departments' health is asked: the gateway's subgraph fetch (mutual TLS when on). */
  fetchSubgraph?: typeof fetch;
  /** Prometheus metrics (`useMetrics`): served at `/metrics`, and told of requests Express refuses. */
  metrics?: { route: RequestHandler; observeRefusal(error: unknown): void };
  /** What reads the `/graphql` body, with the limits it meets first (`useOperationLimits(...).httpMiddleware`). */
  bodyLimits?: (RequestHandler | ErrorRequestHandler)[];
  /** Each department's breaker and supervised process, for `/health`. */
  departments?: () => Record<string, DepartmentReport>;
  /** Whether this instance can serve now, for `/ready`. */
  readiness: () => Promise<ReadinessReport>;
}

/**
 * The gateway's HTTP routes: `/graphql` (and the IDE for browsers), `/` (the IDE),
 * `/health` (liveness and the departments), `/ready` (whether to send it traffic), `/metrics`.
 */
export function createGatewayApp(options: GatewayAppOptions): Express {
  const { server, context, config, currentSubgraphs, log, metrics, bodyLimits } = options;
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer, the client address anonymous rate limits key on comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  app.use(assignRequestId);
  app.get('/health', healthRoute(currentSubgraphs, options.healthTimeoutMs, options.policyVersion, options.policyError, options.policyHealth, options.fetchSubgraph, options.departments));
  app.get('/ready', async (_req: Request, res: Response) => {
    const report = await options.readiness();
    res.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not ready', checks: report.checks });
  });
  if (metrics) app.get('/metrics', metrics.route);
  app.get('/', serveLandingPage);
  app.get('/graphql', (req, res, next) => (wantsLandingPage(req) ? serveLandingPage(req, res) : next()));
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
