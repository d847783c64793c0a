import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublicSigningKey } from '../../policies';
import { openWriteBack, WRITE_BACK_DELIVERY_PATH, type WriteBackEvent, type WriteBackOutcome } from '../../schema/contracts/writeBack';

/** What the stand-in does with a verified event it has not decided before: an outcome, or an HTTP error (as a department that is down). */
export type FakeAnswer = { applied: { type: string; key: string } } | { refused: string } | { status: number };

/**
 * A stand-in for an owning department's delivery route (`POST /write-backs`): it verifies each
 * sealed event with the service platform's public key, decides a new id with `answer`, and
 * answers an id it decided before with the same outcome, as a department applying each id once.
 */
export interface FakeWriteBackDepartment {
  name: string;
  /** Its base URL, as a department's `/graphql` URL (what `GOVGRAPH_<NAME>_URL` holds). */
  url: string;
  /** Every delivery that verified, in order, with when it came. */
  deliveries: { event: WriteBackEvent; at: number }[];
  /** Deliveries whose signature (or department) did not verify. */
  forged(): number;
  /** Events decided, once each. */
  decided(): Map<string, WriteBackOutcome>;
  /** Changes how new events are answered. */
  answerWith(answer: (event: WriteBackEvent) => FakeAnswer): void;
  close(): Promise<void>;
}

export const APPLY_ALL = (event: WriteBackEvent): FakeAnswer => ({ applied: { type: event.target.type, key: `${event.target.type.toUpperCase()}-${event.id}` } });

export async function startFakeWriteBackDepartment(
  name: string,
  publicKey: PublicSigningKey,
  answer: (event: WriteBackEvent) => FakeAnswer = APPLY_ALL,
): Promise<FakeWriteBackDepartment> {
  const deliveries: { event: WriteBackEvent; at: number }[] = [];
  const decided = new Map<string, WriteBackOutcome>();
  let forged = 0;
  let decide = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        if (req.method !== 'POST' || req.url !== WRITE_BACK_DELIVERY_PATH) {
          res.writeHead(404).end();
          return;
        }
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = null;
        }
        const opened = await openWriteBack(body, publicKey, name);
        if (opened.kind !== 'event') {
          forged++;
          res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: opened.kind === 'forged' ? opened.why : 'malformed' }));
          return;
        }
        const { event } = opened;
        deliveries.push({ event, at: Date.now() });
        let outcome = decided.get(event.id);
        if (!outcome) {
          const verdict = decide(event);
          if ('status' in verdict) {
            res.writeHead(verdict.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the department is unavailable' }));
            return;
          }
          outcome = {
            eventId: event.id,
            department: name,
            state: 'applied' in verdict ? 'applied' : 'refused',
            reason: 'refused' in verdict ? verdict.refused : null,
            record: 'applied' in verdict ? verdict.applied : null,
            at: new Date().toISOString(),
          };
          decided.set(event.id, outcome);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    deliveries,
    forged: () => forged,
    decided: () => decided,
    answerWith(next) {
      decide = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `read` until `done` holds for its value (or the time runs out, failing with the last value). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms; last: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}
