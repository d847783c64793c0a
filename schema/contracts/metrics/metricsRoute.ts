import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Registry } from 'prom-client';
import { metricsText } from './processMetrics';
import { CODES } from '../errorCodes';

/** A shorter token is a mistake (`GOVGRAPH_METRICS_TOKEN=1`), refused at start-up. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/**
 * `GET /metrics`: the registry, then the process's metrics, in Prometheus's text format.
 * With a `token`, only a scraper that sends `Authorization: Bearer <token>` is answered;
 * anyone else gets 401 and nothing.
 */
export function metricsRoute(registry: Registry, token?: string): RequestHandler {
  if (token !== undefined && token.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new Error(`The metrics token (GOVGRAPH_METRICS_TOKEN) must be at least ${MIN_METRICS_TOKEN_LENGTH} characters long`);
  }
  const expected = token === undefined ? undefined : digest(token);
  return async (req: Request, res: Response) => {
    if (expected && !timingSafeEqual(digest(bearerOf(req)), expected)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer realm="metrics"')
        .json({ errors: [{ message: 'Send the metrics token as a bearer token.', extensions: { code: CODES.UNAUTHENTICATED } }] });
      return;
    }
    res.set('content-type', registry.contentType).send(await metricsText(registry));
  };
}

function bearerOf(req: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? '';
}

/** Compared as digests: equal lengths for `timingSafeEqual`, and no early exit on the first differing byte. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
