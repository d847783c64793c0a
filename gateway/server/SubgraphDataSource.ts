import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { Logger } from 'pino';
import { requestError } from '../../schema/errorCodes';
import { REQUEST_ID_HEADER } from './assignRequestId';
import type { GatewayContext } from './GatewayContext';

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, which is its department's name. */
  name: string;
  url: string;
  log: Logger;
  /** A department that has not answered after this long is treated as unavailable. */
  timeoutMs?: number;
}

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * How the gateway talks to one department. Everything sent to a subgraph on behalf of a
 * client request passes through `willSendRequest` (request id today; the gateway-signed
 * identity token belongs there too).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly department: string;
  private readonly log: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    // Node's own fetch (undici): keep-alive pooling without the small-write stalls of the default fetcher.
    super({ url: options.url, fetcher: fetch as unknown as Fetcher });
    this.department = options.name;
    this.log = options.log;
    const fetcher = this.fetcher;
    const timeoutMs = options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
    this.fetcher = (url, init) => fetcher(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and schema loading carry no client request.
    if (!('incomingRequestContext' in options)) return;
    options.request.http?.headers.set(REQUEST_ID_HEADER, options.context.requestId);
  }

  /**
   * The department did not answer (refused connection, timeout, HTTP error, not JSON).
   * The client learns which department, never its internal URL or the low-level reason;
   * the log keeps both.
   */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: { status: number }, context?: GatewayContext): void {
    this.log.warn(
      { department: this.department, url: this.url, status: fetchResponse?.status, requestId: context?.requestId, err: error.message },
      'subgraph did not answer',
    );
    throw requestError('SUBGRAPH_UNAVAILABLE', `Department ${this.department} did not answer; its fields are missing from this result.`, {
      department: this.department,
    });
  }
}
