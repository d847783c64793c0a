import { bulkhead, isBulkheadRejectedError } from 'cockatiel';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { CODES, requestError } from '../../../schema/contracts/errorCodes';
import type { RequestBudget } from './RequestBudget';

export interface ConcurrencyLimit {
  /** Express middleware for `/graphql`: a request runs when it has a turn, waits in the short queue, or is refused. */
  handler: RequestHandler;
  /** Requests running and waiting now, for `/health`. */
  load(): { active: number; queued: number };
}

/**
 * A department's turns (cockatiel's bulkhead): `maxConcurrent` requests run at once,
 * `maxQueued` wait, and any more is answered at once with HTTP 503 DEPARTMENT_BUSY: the
 * gateway's breaker counts it, and the caller learns now rather than after its timeout.
 * A caller that leaves while waiting never runs.
 */
export function limitConcurrentRequests(department: string, budget: Pick<RequestBudget, 'maxConcurrent' | 'maxQueued'>, log: Logger): ConcurrencyLimit {
  const turns = bulkhead(budget.maxConcurrent, budget.maxQueued);
  const handler: RequestHandler = (req, res, next) => {
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    turns
      .execute(
        () =>
          new Promise<void>((release) => {
            holdUntilAnswered(res, release);
            next();
          }),
        gone.signal,
      )
      .catch((error: unknown) => {
        // Any other failure is a caller who left while waiting: there is no one to answer.
        if (!isBulkheadRejectedError(error)) return;
        log.warn({ department, requestId: req.get('x-request-id'), ...budget }, 'department busy: request refused');
        res
          .status(503)
          .set('retry-after', '1')
          .json({ errors: [requestError(CODES.DEPARTMENT_BUSY, `Department ${department} is busy; try again shortly.`, { department }).toJSON()] });
      });
  };
  return {
    handler,
    load: () => ({ active: budget.maxConcurrent - turns.executionSlots, queued: budget.maxQueued - turns.queueSlots }),
  };
}

/**
 * Holds the turn until the department has its answer (`res.end`), not merely until the
 * caller hangs up: a request abandoned by the gateway's timeout still runs to its end, and
 * freeing its turn early would let abandoned work pile up behind the limit.
 */
function holdUntilAnswered(res: Response, release: () => void): void {
  const end = res.end;
  res.end = function (this: Response, ...args: unknown[]) {
    release();
    return (end as (...a: unknown[]) => Response).apply(this, args);
  } as Response['end'];
}
