import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { LimitsConfig } from '../config';
import type { RequestContext } from '../request';
import { knownOperationTypesRule } from './knownOperationTypesRule';
import { limitsPlugin } from './limitsPlugin';
import { requestBodyLimits } from './requestBodyLimits';

export interface OperationLimitsOptions {
  /** Outside development, error messages do not suggest field names ("Did you mean …?"). */
  mode: 'development' | 'production';
}

/** The Apollo Server options the limit stage sets; spread them into the server's options. */
export type LimitServerOptions = Pick<
  ApolloServerOptions<RequestContext>,
  'parseOptions' | 'allowBatchedHttpRequests' | 'csrfPrevention' | 'hideSchemaDetailsFromClientErrors' | 'validationOptions' | 'validationRules'
>;

export interface OperationLimits {
  /** Add to the server's plugins, before any plugin that plans or executes. */
  plugin: ApolloServerPlugin<RequestContext>;
  serverOptions: LimitServerOptions;
  /** Mount on `/graphql` in place of `express.json()`, before Apollo Server's middleware. */
  httpMiddleware: (RequestHandler | ErrorRequestHandler)[];
}

/**
 * Stage 2 of the request path, the operation limits: refuses abuse cheaply, before
 * validation and planning, each limit with its own code and HTTP 400 (413 for the body),
 * stating the limit and the measured value.
 *
 * - HTTP (`httpMiddleware`): body size, batches, tokens — before GraphQL parses anything.
 * - GraphQL (`plugin`): depth, aliases, root fields, directives, cost per role, string
 *   lengths, identifiers with a check character (see `limitsPlugin`).
 * - Server options: the parser stops at `maxTokens` whatever the route a document came by;
 *   batching as configured; CSRF prevention on (a GET or a simple POST without a preflight
 *   header is refused with 400); outside development, validation errors suggest no field
 *   names, so that they cannot reveal the fields a reader is denied; an operation of a kind
 *   the graph does not serve (`subscription`) fails validation (`knownOperationTypesRule`).
 */
export function useOperationLimits(limits: LimitsConfig, { mode }: OperationLimitsOptions): OperationLimits {
  const production = mode !== 'development';
  return {
    plugin: limitsPlugin(limits),
    serverOptions: {
      parseOptions: { maxTokens: limits.maxTokens },
      allowBatchedHttpRequests: limits.batching,
      csrfPrevention: true,
      hideSchemaDetailsFromClientErrors: production,
      validationOptions: { hideSuggestions: production },
      validationRules: [knownOperationTypesRule],
    },
    httpMiddleware: requestBodyLimits(limits),
  };
}
