import { WRITE_BACK_DELIVERY_PATH, type SealedWriteBack } from '../../../schema/contracts/writeBack';
import { checkOutcome } from './recordOutcome';
import { keptText } from './settleWriteBack';
import type { WriteBackDelivery, WriteBackPublisher } from './WriteBackPublisher';

export interface HttpWriteBackPublisherOptions {
  /** Where a department is reached (its `/graphql` URL or its origin); null when nobody said. */
  urlOf(department: string): string | null;
  /** How long a department may take to answer (default 5 s). */
  timeoutMs?: number;
}

/**
 * The embedded default: each sealed event POSTed to the owning department's
 * `WRITE_BACK_DELIVERY_PATH`, which answers 200 with its outcome. Anything else (another
 * status, a refused connection, no answer within the timeout, an answer that is not the
 * outcome of this event) is a failed delivery.
 */
export function httpWriteBackPublisher(options: HttpWriteBackPublisherOptions): WriteBackPublisher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const closing = new AbortController();
  return {
    transport: 'http',
    lastError: () => null,
    async deliver(sealed: SealedWriteBack): Promise<WriteBackDelivery> {
      const base = options.urlOf(sealed.department);
      if (!base) throw new Error(`no URL for department ${sealed.department}: set GOVGRAPH_${sealed.department.toUpperCase()}_URL or compose it into the supergraph`);
      const url = new URL(WRITE_BACK_DELIVERY_PATH, base);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sealed),
          signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
        });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        if (e.name === 'TimeoutError') throw new Error(`${sealed.department} did not answer within ${timeoutMs} ms`);
        throw new Error(`${sealed.department} could not be reached at ${url.origin} (${e.cause?.code ?? e.message})`);
      }
      const text = await response.text().catch(() => '');
      if (response.status !== 200) {
        let said = '';
        try {
          const body = JSON.parse(text) as { error?: unknown; message?: unknown };
          const message = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : '';
          if (message) said = `: ${keptText(message.slice(0, 200))}`;
        } catch {
          // Not JSON: the status says enough.
        }
        throw new Error(`${sealed.department} answered HTTP ${response.status}${said}`);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`${sealed.department} answered 200 without an outcome (not JSON)`);
      }
      const checked = checkOutcome(body);
      if ('why' in checked) throw new Error(`${sealed.department} answered 200 without an outcome (${checked.why})`);
      if (checked.outcome.eventId !== sealed.id || checked.outcome.department !== sealed.department) {
        throw new Error(`${sealed.department} answered with the outcome of another event`);
      }
      return { kind: 'answered', outcome: checked.outcome };
    },
    async close() {
      closing.abort();
    },
  };
}
