import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { WRITE_BACK_DELIVERY_PATH } from '../../schema/contracts/writeBack';
import type { ReceivedWriteBack, WriteBackReceiver } from '../../subgraphs/kit/writeBack/createWriteBackReceiver';
import { writeBackDeliveryRoute } from '../../subgraphs/kit/writeBack/writeBackDeliveryRoute';
import { deliverWriteBack } from '../support/deliverWriteBack';

/** `POST /write-backs` as the relay sees it, over a receiver that answers as told. */
let answer: () => Promise<ReceivedWriteBack>;
let logged: string[];
let noted: (string | null)[];
let server: Server;
let url: string;

beforeAll(async () => {
  const receiver: WriteBackReceiver = { receiveWriteBack: () => answer(), counts: () => ({ applied: 0, refused: 0, forged: 0, repeated: 0 }) };
  const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
  const route = writeBackDeliveryRoute({ department: 'notes', receiver, log, noteError: (message) => void noted.push(message) });
  const app = express();
  app.post(WRITE_BACK_DELIVERY_PATH, route.parse, route.handle, route.refuseBody);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

beforeEach(() => {
  logged = [];
  noted = [];
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const SEALED = { id: 'APP-1/1', department: 'notes', payload: '{"applicant":"110101199001011234"}', signature: 'x..y' };

describe('POST /write-backs', () => {
  it('the receiver fails (its database) → 503 WRITE_BACK_UNAVAILABLE with Retry-After, the error kept for /health', async () => {
    answer = () => Promise.reject(new Error('database is locked'));
    const { status, retryAfter, body } = await deliverWriteBack(url, SEALED);
    expect([status, retryAfter, body.error]).toEqual([503, '1', 'WRITE_BACK_UNAVAILABLE']);
    expect(noted).toEqual(['database is locked']);
  });

  it('a forgery → 403 and a warning that carries no part of the payload', async () => {
    answer = async () => ({ kind: 'forged', why: 'the signature does not verify' });
    const { status, body } = await deliverWriteBack(url, SEALED);
    expect([status, body]).toEqual([403, { error: 'WRITE_BACK_FORGED', reason: 'the signature does not verify' }]);
    expect(logged.join('')).toContain('the signature does not verify');
    expect(logged.join('')).not.toContain('110101199001011234');
  });

  it('an outcome → 200 with it, the last error cleared', async () => {
    const outcome = { eventId: 'APP-1/1', department: 'notes', state: 'applied' as const, reason: null, record: { type: 'Note', key: 'n1' }, at: '2026-03-15T08:30:00.000Z' };
    answer = async () => ({ kind: 'outcome', outcome });
    const { status, body } = await deliverWriteBack(url, SEALED);
    expect([status, body]).toEqual([200, outcome]);
    expect(noted).toEqual([null]);
  });
});
