import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { CODES } from '../../../schema/contracts/errorCodes';
import type { WriteBackReceiver } from './createWriteBackReceiver';

/** The largest body the delivery route reads: an event is a few hundred bytes. */
export const WRITE_BACK_BODY_LIMIT = '64kb';

export interface WriteBackDeliveryRoute {
  /** Reads the JSON body (64 KB at most) before the department's turn is taken. */
  parse: RequestHandler;
  handle: RequestHandler;
  /** Answers what `parse` refused: too large (413), not JSON (403: it is no sealed event). */
  refuseBody: ErrorRequestHandler;
}

/**
 * `POST /write-backs`, the embedded default's delivery: the body is a `SealedWriteBack`; the
 * answer is 200 with its `WriteBackOutcome` (applied or refused, the same every time), 403
 * `WRITE_BACK_FORGED` for what the service platform did not sign for this department (nothing
 * in it is trusted or logged), or 503 `WRITE_BACK_UNAVAILABLE` with `Retry-After` when it could
 * not be decided now (its database): nothing was recorded, and the sender delivers it again.
 */
export function writeBackDeliveryRoute(options: { department: string; receiver: WriteBackReceiver; log: Logger; noteError(message: string | null): void }): WriteBackDeliveryRoute {
  const { department, receiver, log } = options;
  const forged = (res: express.Response, reason: string): void => {
    log.warn({ department, reason }, 'write-back refused: not signed by the service platform for this department');
    res.status(403).json({ error: CODES.WRITE_BACK_FORGED, reason });
  };
  return {
    parse: express.json({ limit: WRITE_BACK_BODY_LIMIT }),
    refuseBody(error, _req, res, next) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        res.status(413).json({ error: CODES.REQUEST_TOO_LARGE, reason: `a write-back is at most ${WRITE_BACK_BODY_LIMIT}` });
        return;
      }
      if (type === 'entity.parse.failed') {
        forged(res, 'it is not a sealed write-back (the body is not JSON)');
        return;
      }
      next(error);
    },
    async handle(req, res) {
      let received;
      try {
        received = await receiver.receiveWriteBack(req.body);
        options.noteError(null);
      } catch (error) {
        const message = (error as Error).message;
        options.noteError(message);
        log.error({ department, err: message }, 'write-back not decided; the sender will deliver it again');
        res
          .status(503)
          .set('retry-after', '1')
          .json({ error: CODES.WRITE_BACK_UNAVAILABLE, reason: `${department} could not decide the write-back now; deliver it again` });
        return;
      }
      if (received.kind === 'forged') {
        forged(res, received.why);
        return;
      }
      res.status(200).json(received.outcome);
    },
  };
}
