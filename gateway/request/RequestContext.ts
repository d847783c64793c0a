import type { Reader } from './Reader';

/**
 * The context Apollo Server hands every stage for one request. It holds only what was
 * established before GraphQL work began; what a stage finds later (the policy decisions,
 * the departments called) it hands on through a `RequestSlot`, written by that stage alone.
 */
export interface RequestContext {
  readonly reader: Reader;
  /** The client's address as the gateway sees it (after `trust proxy`), for anonymous rate limits. */
  readonly clientAddress: string;
}
