import type { Logger } from 'pino';
import { request, type Dispatcher } from 'undici';
import type { Slot } from './planHttpDataset';
import type { OpenApiOperation } from './readOpenApi';

/** What a call needs besides its values: where the API is, how to reach it, and what to call it in errors. */
export interface HttpClient {
  department: string;
  baseUrl: string;
  /** The API key, or null when none is configured. */
  apiKey: string | null;
  /** The variable the key comes from, to say what to set when it is missing or refused. */
  apiKeySetting: string;
  timeoutMs: number;
  dispatcher: Dispatcher;
  log?: Logger;
}

/** One value to place: the key, the keys, or a constant of the declaration. */
export interface SlotValue {
  slot: Slot;
  value: string | readonly string[];
}

/** An answer: its status and, for 2xx, its JSON. */
export interface OperationAnswer {
  status: number;
  json: unknown;
}

/** An error naming the department and the reason; never the URL (it may hold an ID number) nor the key. */
export function sourceError(client: Pick<HttpClient, 'department'>, operationId: string, reason: string): Error {
  return new Error(`${client.department}: the API's ${operationId} failed: ${reason}`);
}

/** A failure worth one more try for a GET: the connection broke, or the API answered 5xx. */
class Retryable extends Error {}

const RETRY_PAUSE_MS = 50;

/**
 * Calls one operation and reads its whole answer. One timer bounds each attempt, the body
 * included, and is cleared with it. A GET is tried again once, after a short pause, when the
 * connection fails or the API answers 5xx; a timeout is not retried (the caller has already
 * waited the whole budget), nor is any other method (it may not be safe to repeat). 404 comes
 * back as an answer (one key with no record); any other non-2xx, an answer that is not JSON, a
 * timeout or an unreachable API throws an Error naming the department and the reason.
 */
export async function sendOperation(client: HttpClient, operation: OpenApiOperation, values: readonly SlotValue[]): Promise<OperationAnswer> {
  const attempts = operation.method === 'GET' || operation.method === 'HEAD' ? 2 : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(client, operation, values);
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      if (attempt >= attempts) throw sourceError(client, operation.operationId, attempts > 1 ? `${error.message}, and again when retried` : error.message);
      client.log?.warn({ department: client.department, operation: operation.operationId, reason: error.message }, 'exchange http: retrying once');
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

async function attemptOnce(client: HttpClient, operation: OpenApiOperation, values: readonly SlotValue[]): Promise<OperationAnswer> {
  const { url, headers, body } = requestFor(client, operation, values);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), client.timeoutMs);
  const started = Date.now();
  try {
    let status: number;
    let text: string;
    try {
      const answer = await request(url, { method: operation.method as Dispatcher.HttpMethod, headers, body, dispatcher: client.dispatcher, signal: controller.signal });
      status = answer.statusCode;
      text = await answer.body.text();
    } catch (error) {
      if (controller.signal.aborted) throw sourceError(client, operation.operationId, `no answer within ${client.timeoutMs} ms`);
      throw new Retryable(`the API is unreachable (${(error as NodeJS.ErrnoException).code ?? (error as Error).name})`);
    }
    client.log?.debug({ department: client.department, operation: operation.operationId, status, ms: Date.now() - started }, 'exchange http: call');
    if (status >= 500) throw new Retryable(`HTTP ${status}`);
    if (status === 401 || status === 403) throw sourceError(client, operation.operationId, `the API refused the API key (HTTP ${status}); check ${client.apiKeySetting}`);
    if (status === 404) return { status, json: undefined };
    if (status < 200 || status >= 300) throw sourceError(client, operation.operationId, `HTTP ${status}`);
    try {
      return { status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
    } catch {
      throw sourceError(client, operation.operationId, 'the answer is not JSON');
    }
  } finally {
    clearTimeout(timer);
  }
}

function requestFor(client: HttpClient, operation: OpenApiOperation, values: readonly SlotValue[]): { url: string; headers: Record<string, string>; body?: string } {
  let pathname = operation.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: unknown;
  for (const { slot, value } of values) {
    switch (slot.in) {
      case 'path':
        pathname = pathname.replaceAll(`{${slot.name}}`, encodeURIComponent(String(value)));
        break;
      case 'query':
        if (typeof value === 'string') query.append(slot.name, value);
        else if (slot.explode) for (const one of value) query.append(slot.name, one);
        else query.append(slot.name, value.join(','));
        break;
      case 'header':
        headers[slot.name] = typeof value === 'string' ? value : value.join(',');
        break;
      case 'body':
        if (slot.name === null) body = value;
        else body = { ...(body as object | undefined), [slot.name]: value };
        break;
    }
  }
  const credential = operation.credential;
  if (credential) {
    if (client.apiKey === null) throw sourceError(client, operation.operationId, `no API key is configured; set ${client.apiKeySetting}`);
    if (credential.in === 'header') headers[credential.name] = credential.prefix + client.apiKey;
    else query.append(credential.name, client.apiKey);
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return { url: `${client.baseUrl.replace(/\/+$/, '')}${pathname}${search}`, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
