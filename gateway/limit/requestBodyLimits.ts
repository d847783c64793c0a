import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { LimitsConfig } from '../config';
import { countTokens } from './countTokens';
import { jsonNestingDepth } from './jsonNestingDepth';
import { limitExceeded } from './limitExceeded';
import { CODES } from '../../schema/contracts/errorCodes';

/**
 * Deepest nesting of arrays and objects a JSON body may have: a request nests three levels
 * (body, variables, an input), its input objects and lists a few more; nothing legitimate
 * comes near 64.
 */
export const MAX_JSON_DEPTH = 64;
const TOO_DEEP = 'entity.too.deep';

function queriesOf(body: unknown, query: unknown): string[] {
  const operations = Array.isArray(body) ? body : [body];
  const texts = operations.map((operation) => (operation && typeof operation === 'object' ? (operation as { query?: unknown }).query : undefined));
  return [...texts, query].filter((text): text is string => typeof text === 'string');
}

/**
 * The limits a request meets before GraphQL sees it, as Express middleware for `/graphql`
 * in place of `express.json()`: a body over `maxBodyBytes` is refused with 413
 * REQUEST_TOO_LARGE (from its Content-Length, before it is read, when it has one); a JSON
 * array of operations with BATCHING_NOT_ALLOWED unless `batching` is on; a document (in the
 * body or in a GET's `query`) over `maxTokens` with MAX_TOKENS_EXCEEDED, counted without
 * parsing, so a huge document costs no more than one just over the limit; a body nesting
 * arrays and objects deeper than `MAX_JSON_DEPTH` with BAD_REQUEST, before it is parsed.
 * Errors other than these (malformed JSON) go on to the app's error handler, and so do these
 * refusals (request errors carrying their HTTP status), so that they are answered, logged and
 * counted in one place.
 */
export function requestBodyLimits(limits: LimitsConfig): (RequestHandler | ErrorRequestHandler)[] {
  const tooLarge: ErrorRequestHandler = (error, _req, _res, next) => {
    if ((error as { type?: unknown })?.type !== 'entity.too.large') return next(error);
    const { length, received } = error as { length?: number; received?: number };
    next(
      limitExceeded(CODES.REQUEST_TOO_LARGE, `The request body is larger than ${limits.maxBodyBytes} bytes.`, limits.maxBodyBytes, length ?? received ?? limits.maxBodyBytes + 1),
    );
  };
  const operations: RequestHandler = (req, _res, next) => {
    if (Array.isArray(req.body) && !limits.batching) {
      return next(limitExceeded(CODES.BATCHING_NOT_ALLOWED, `The request holds ${req.body.length} operations; send one operation per request.`, 1, req.body.length));
    }
    for (const text of queriesOf(req.body, req.query?.query)) {
      // Every token is at least one character long: a text that short needs no counting.
      if (text.length <= limits.maxTokens) continue;
      const tokens = countTokens(text, limits.maxTokens + 1);
      if (tokens > limits.maxTokens) {
        return next(limitExceeded(CODES.MAX_TOKENS_EXCEEDED, `The document has more than ${limits.maxTokens} tokens.`, limits.maxTokens, tokens));
      }
    }
    next();
  };
  // Checked on the raw bytes before JSON.parse, which takes tens of milliseconds on a body nested a hundred thousand deep.
  const verify = (_req: unknown, _res: unknown, body: Buffer) => {
    const depth = jsonNestingDepth(body, MAX_JSON_DEPTH);
    if (depth > MAX_JSON_DEPTH) throw Object.assign(new Error('The JSON body nests too deep'), { type: TOO_DEEP, depth });
  };
  const tooDeep: ErrorRequestHandler = (error, _req, _res, next) => {
    if ((error as { type?: unknown })?.type !== TOO_DEEP) return next(error);
    next(limitExceeded(CODES.BAD_REQUEST, `The JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} deep.`, MAX_JSON_DEPTH, (error as { depth: number }).depth));
  };
  return [express.json({ limit: limits.maxBodyBytes, verify }), tooLarge, tooDeep, operations];
}
