import { STATUS_CODES } from 'node:http';
import { getGlobalDispatcher, request, type Dispatcher } from 'undici';

/** What a department fetch sends: the part of a fetch `RequestInit` that `RemoteGraphQLDataSource` gives. */
export interface DepartmentRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The part of a fetch `Response` that `RemoteGraphQLDataSource` and the gateway read; the body is already read. */
export interface DepartmentResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: Headers;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** Sends one department fetch and reads its whole answer within `timeoutMs`. */
export type DepartmentRequest = (url: string, init: DepartmentRequestInit, timeoutMs: number) => Promise<DepartmentResponse>;

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`The department did not answer within ${timeoutMs} ms`);
  // The name AbortSignal.timeout's abort carries, which failureReasonOf reads as a timeout.
  error.name = 'TimeoutError';
  return error;
}

/**
 * Department fetches over undici's `request` rather than `fetch`: the gateway's profile of the
 * review query put most of its CPU in fetch's machinery (WHATWG streams, an `AbortSignal.timeout`
 * per fetch whose timer outlives the answer). One timer bounds the whole exchange, the body
 * included, and is cleared with it; past it the fetch fails with a `TimeoutError`, as before.
 * `dispatcher`: the pool to use (mutual TLS when on); Node's global one by default.
 */
export function departmentRequest(dispatcher: Dispatcher = getGlobalDispatcher()): DepartmentRequest {
  return async (url, init, timeoutMs) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
    try {
      const answer = await request(url, {
        method: (init.method ?? 'POST') as Dispatcher.HttpMethod,
        headers: init.headers,
        body: init.body,
        dispatcher,
        signal: controller.signal,
      });
      const text = await answer.body.text();
      const status = answer.statusCode;
      return {
        ok: status >= 200 && status < 300,
        status,
        statusText: STATUS_CODES[status] ?? '',
        url,
        headers: headersOf(answer.headers),
        json: async () => JSON.parse(text) as unknown,
        text: async () => text,
      };
    } catch (error) {
      throw controller.signal.aborted ? controller.signal.reason : error;
    } finally {
      clearTimeout(timer);
    }
  };
}
