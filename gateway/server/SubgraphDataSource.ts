import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { Logger } from 'pino';
import { requestError } from '../../schema/errorCodes';
import { signGatewayToken, type GatewayKeys } from '../../schema/gatewayToken';
import { REQUEST_ID_HEADER, type RequestContext } from '../request';

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, which is its department's name. */
  name: string;
  url: string;
  log: Logger;
  /** A department that has not answered after this long is treated as unavailable. */
  timeoutMs?: number;
  /** Signs the identity token each request carries; without keys no token is sent (and subgraphs refuse). */
  keys?: GatewayKeys;
  /** How the department is reached (`createSubgraphFetcher`: mutual TLS when on); defaults to Node's fetch. */
  fetcher?: typeof fetch;
}

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * How the gateway talks to one department. Everything sent to a subgraph on behalf of a
 * client request passes through `willSendRequest`: the request id, and the reader's
 * identity, purpose and case as a short-lived token signed by the gateway for this
 * department alone. The client's own token is never forwarded.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  readonly department: string;
  private readonly log: Logger;
  private readonly keys: GatewayKeys | undefined;
  /** One token per (request, department), reused by every fetch of the request; goes with the request's context. */
  private readonly tokens = new WeakMap<RequestContext, Promise<string>>();

  constructor(options: SubgraphDataSourceOptions) {
    // Node's own fetch (undici): keep-alive pooling without the small-write stalls of the default fetcher.
    super({ url: options.url, fetcher: (options.fetcher ?? fetch) as unknown as Fetcher });
    this.department = options.name;
    this.log = options.log;
    this.keys = options.keys;
    const fetcher = this.fetcher;
    const timeoutMs = options.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
    this.fetcher = (url, init) => fetcher(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<RequestContext>): Promise<void> {
    // Health checks and schema loading carry no client request.
    if (!('incomingRequestContext' in options)) return;
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.set(REQUEST_ID_HEADER, options.context.reader.requestId);
    if (this.keys) headers.set('authorization', `Bearer ${await this.tokenFor(options.context, this.keys)}`);
  }

  private tokenFor(context: RequestContext, keys: GatewayKeys): Promise<string> {
    let token = this.tokens.get(context);
    if (!token) {
      // The reader as stage 1 established it, vouched for to this department alone.
      token = signGatewayToken(keys.privateKey, this.department, context.reader);
      // A failed signature must not be reused by the request's next fetch.
      token.catch(() => this.tokens.delete(context));
      this.tokens.set(context, token);
    }
    return token;
  }

  /**
   * The department did not answer (refused connection, timeout, HTTP error, not JSON).
   * The client learns which department, never its internal URL or the low-level reason;
   * the log keeps both.
   */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: { status: number }, context?: RequestContext): void {
    this.log.warn(
      { department: this.department, url: this.url, status: fetchResponse?.status, requestId: context?.reader.requestId, err: error.message },
      'subgraph did not answer',
    );
    throw requestError('SUBGRAPH_UNAVAILABLE', `Department ${this.department} did not answer; its fields are missing from this result.`, {
      department: this.department,
    });
  }
}
