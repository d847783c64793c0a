import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SealedWriteBack } from '../../schema/contracts/writeBack';
import { httpWriteBackPublisher } from '../../subgraphs/services/writeBack/httpWriteBackPublisher';
import { freePort } from '../support/freePort';

const SEALED: SealedWriteBack = { id: 'APP-2026-000001/1', department: 'licenses', payload: '{}', signature: 'x' };

/** A department answering every POST with `reply` (never, when `reply` does nothing). */
async function department(reply: (res: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => req.resume().on('end', () => reply(res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function deliverTo(reply: (res: http.ServerResponse) => void, timeoutMs = 2000) {
  const fake = await department(reply);
  const publisher = httpWriteBackPublisher({ urlOf: () => fake.url, timeoutMs });
  try {
    return await publisher.deliver(SEALED);
  } finally {
    await publisher.close();
    await fake.close();
  }
}

describe('the embedded delivery (HTTP)', () => {
  it('200 with the outcome of this event → answered with it', async () => {
    const outcome = { eventId: SEALED.id, department: 'licenses', state: 'applied', reason: null, record: { type: 'License', key: 'L-1' }, at: '2026-11-01T00:00:00.000Z' };
    expect(await deliverTo((res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome)))).toEqual({ kind: 'answered', outcome });
  });

  it('200 with the outcome of another event → a failed delivery', async () => {
    const other = { eventId: 'APP-2026-000002/1', department: 'licenses', state: 'applied', reason: null, record: null, at: '' };
    await expect(deliverTo((res) => res.writeHead(200).end(JSON.stringify(other)))).rejects.toThrow('licenses answered with the outcome of another event');
  });

  it('403 → a failed delivery naming the status and what the department said', async () => {
    await expect(deliverTo((res) => res.writeHead(403).end(JSON.stringify({ error: 'not signed by the service platform' })))).rejects.toThrow(
      'licenses answered HTTP 403: not signed by the service platform',
    );
  });

  it('no answer within the timeout → a failed delivery saying so', async () => {
    await expect(deliverTo(() => undefined, 200)).rejects.toThrow('licenses did not answer within 200 ms');
  });

  it('nobody listening → a failed delivery: could not be reached', async () => {
    const port = await freePort();
    const closed = httpWriteBackPublisher({ urlOf: () => `http://127.0.0.1:${port}/graphql` });
    await expect(closed.deliver(SEALED)).rejects.toThrow(/licenses could not be reached at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    await closed.close();
  });

  it('a department without a URL → a failed delivery naming the variable to set', async () => {
    await expect(httpWriteBackPublisher({ urlOf: () => null }).deliver(SEALED)).rejects.toThrow('no URL for department licenses: set GOVGRAPH_LICENSES_URL');
  });
});
