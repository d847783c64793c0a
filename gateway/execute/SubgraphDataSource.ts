import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { Logger } from 'pino';
import { signGatewayToken, type GatewayKeys } from '../../schema/contracts/gatewayToken';
import { gatewayConfigOf } from '../config';
import { REQUEST_ID_HEADER, type RequestContext } from '../request';
import { DepartmentBreakers } from './DepartmentBreakers';
import { departmentRequest, type DepartmentRequest, type DepartmentRequestInit } from './departmentRequest';
import { failureReasonOf } from './failureReasonOf';
import { subgraphUnavailable } from './subgraphUnavailable';

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, which is its department's name. */
  name: string;
  url: string;
  log: Logger;
  /** A department that has not answered after this long has failed this fetch; defaults to `config.subgraphs.timeoutMs`'s default. */
  timeoutMs?: number;
  /** Signs the identity token each request carries; without keys no token is sent (and subgraphs refuse). */
  keys?: GatewayKeys;
  /** How the department is reached (`createSubgraphFetcher`'s `request`: mutual TLS when on); defaults to `departmentRequest()`. */
  request?: DepartmentRequest;
  /** The gateway's breakers, one per department; by default one of its own with `config.subgraphs.breaker`'s defaults. */
  breakers?: DepartmentBreakers;
}

/**
 * Stage 4 of the request path, as seen by one department: everything sent to it on behalf
 * of a client request passes through here. `willSendRequest` adds the request id and the
 * reader's identity, purpose and case as a short-lived token signed by the gateway for this
 * department alone (the client's own token is never forwarded); `process` sends each fetch
 * through the department's breaker, under its timeout.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  readonly department: string;
  private readonly log: Logger;
  private readonly keys: GatewayKeys | undefined;
  private readonly breakers: DepartmentBreakers;
  /** One token per (request, department), reused by every fetch of the request; goes with the request's context. */
  private readonly tokens = new WeakMap<RequestContext, Promise<string>>();

  constructor(options: SubgraphDataSourceOptions) {
    // undici's request API (departmentRequest): keep-alive pooling, and no retries (a POST is
    // sent once, so a mutation never runs twice).
    const request = options.request ?? departmentRequest();
    const defaults = gatewayConfigOf().subgraphs;
    const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
    // The timeout also bounds reading the body.
    super({ url: options.url, fetcher: ((url: string, init: DepartmentRequestInit) => request(url, init, timeoutMs)) as unknown as Fetcher });
    this.department = options.name;
    this.log = options.log;
    this.keys = options.keys;
    this.breakers = options.breakers ?? new DepartmentBreakers(defaults.breaker, options.log);
    this.breakers.register(this.department);
  }

  override async process(options: GraphQLDataSourceProcessOptions<RequestContext>) {
    // Health checks and schema loading carry no client request: not the breaker's business.
    if (!('incomingRequestContext' in options)) return super.process(options);
    // Signed before the breaker: a failure to sign is the gateway's, not the department's.
    if (this.keys) await this.tokenFor(options.context, this.keys);
    return this.breakers.run(this.department, () => super.process(options));
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<RequestContext>): Promise<void> {
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
      token = signGatewayToken(keys, this.department, context.reader);
      // A failed signature must not be reused by the request's next fetch.
      token.catch(() => this.tokens.delete(context));
      this.tokens.set(context, token);
    }
    return token;
  }

  /**
   * The department did not answer (refused connection, timeout, HTTP error, not JSON). The
   * client learns which department and why in a word, never its internal URL or the
   * low-level reason; the log keeps both.
   */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: { status: number }, context?: RequestContext): void {
    const reason = failureReasonOf(error, fetchResponse?.status);
    this.log.warn(
      { department: this.department, url: this.url, reason, status: fetchResponse?.status, requestId: context?.reader?.requestId, err: error.message },
      'subgraph did not answer',
    );
    throw subgraphUnavailable(this.department, reason);
  }
}
