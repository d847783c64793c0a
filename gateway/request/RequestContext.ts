import type { Request, Response } from 'express';
import type { RequestReader } from './Reader';

/**
 * The context Apollo Server hands every stage for one request. It holds only what was
 * established before GraphQL work began; what a stage finds later (the policy decisions,
 * the departments called) it hands on through a `RequestSlot`, written by that stage alone.
 */
export interface RequestContext {
  readonly reader: RequestReader;
  /** The client's address as the gateway sees it (after `trust proxy`), for anonymous rate limits. */
  readonly clientAddress: string;
}

/** Builds one request's context from its HTTP request (the stages before GraphQL work); may refuse the request with a request error. */
export type CreateContext = (args: { req: Request; res: Response }) => Promise<RequestContext>;
