import express, { type Express, type Request, type Response } from 'express';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Logger } from 'pino';
import type { PolicyHealth } from '../../policies';
import { assignRequestId } from './assignRequestId';
import type { GatewayContext } from './GatewayContext';
import { handleHttpError } from './handleHttpError';
import type { DepartmentReport } from './departmentsReport';
import { healthRoute } from './healthRoute';
import { serveLandingPage, wantsLandingPage } from './landingPage';
import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

export interface GatewayAppOptions {
  server: ApolloServer<GatewayContext>;
  /** Builds each request's context (`createGatewayContext`): authenticates, reads purpose and case. */
  context: (args: { req: Request; res: Response }) => Promise<GatewayContext>;
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
  /** Each department's breaker and supervised process, for `/health`. */
  departments?: () => Record<string, DepartmentReport>;
}

/** The gateway's HTTP routes: `/graphql` (and the IDE for browsers), `/` (the IDE), `/health`. */
export function createGatewayApp({ server, context, currentSubgraphs, log, healthTimeoutMs, policyVersion, policyError, policyHealth, departments }: GatewayAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(assignRequestId);
  app.get('/health', healthRoute(currentSubgraphs, healthTimeoutMs, policyVersion, policyError, policyHealth, departments));
  app.get('/', serveLandingPage);
  app.get('/graphql', (req, res, next) => (wantsLandingPage(req) ? serveLandingPage(req, res) : next()));
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server, { context }));
  app.use(handleHttpError(log));
  return app;
}
