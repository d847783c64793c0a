import type { GatewayExecutionResult } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { RequestReader } from '../../policies';
import { CODES } from '../../schema/contracts/errorCodes';
import type { CachedAnswer, Generations } from './CachedAnswer';
import type { ResponseCacheStore } from './ResponseCacheStore';

/**
 * Has each department copy, for this reader and request, the disclosure-log rows it wrote for
 * the request that fetched the answer (`replayOf`); rejects when any cannot.
 */
export type ReplayDisclosures = (departments: readonly string[], reader: RequestReader, replayOf: string) => Promise<void>;

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  replayDisclosures: ReplayDisclosures;
  /** The departments of the supergraph in force (their generations are taken before each answer is computed). */
  departments: () => readonly string[];
  log: Logger;
}

/** An answer served from the cache, and the request that fetched it. */
export interface CacheHit {
  result: GatewayExecutionResult;
  cachedFrom: string;
}

/** What the policy stage asks of the cache (gateway/cache). */
export interface ResponseCache {
  /** The answer kept under `key`, once each department that served it has logged the new read; undefined: run the request. */
  lookup(key: string, reader: RequestReader): Promise<CacheHit | undefined>;
  /** The departments' generations before an answer is computed, to keep it with. */
  generations(): Promise<Generations>;
  /** Keeps an answer without errors other than withheld fields; anything else is not kept. */
  keep(key: string, ttlSeconds: number, result: GatewayExecutionResult, departments: string[], requestId: string, generations: Generations): Promise<void>;
  /** A mutation reached these departments. */
  invalidate(departments: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Only withheld fields' errors are the same for every reader with the same decisions. */
const keepable = (errors: readonly GraphQLFormattedError[] | undefined): boolean => (errors ?? []).every((error) => error.extensions?.code === CODES.FORBIDDEN);

/**
 * The policy-aware response cache. A hit is served only after every department whose records
 * the answer holds has written the read into its disclosure log (a read from the cache is still
 * a disclosure): when one cannot, the request runs as if nothing were kept, and the department
 * answers for itself. Redis or memory failing never fails a request: it is a miss.
 */
export function createResponseCache({ store, replayDisclosures, departments, log }: ResponseCacheOptions): ResponseCache {
  return {
    async lookup(key, reader) {
      const text = await store.read(key);
      if (text === undefined) return undefined;
      const answer = JSON.parse(text) as CachedAnswer;
      try {
        await replayDisclosures(answer.departments, reader, answer.requestId);
      } catch (error) {
        log.warn({ requestId: reader.requestId, err: (error as Error).message }, 'a cached answer could not be logged by every department; the request runs instead');
        return undefined;
      }
      const errors = answer.errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
      return { result: errors ? { data: answer.data, errors } : { data: answer.data }, cachedFrom: answer.requestId };
    },
    generations: () => store.generations(departments()),
    async keep(key, ttlSeconds, result, fetchedFrom, requestId, generations) {
      if (!result.data) return;
      const errors = result.errors?.map((error) => ('toJSON' in error ? error.toJSON() : error) as GraphQLFormattedError);
      if (!keepable(errors)) return;
      const answer: CachedAnswer = { data: result.data, ...(errors?.length && { errors }), departments: fetchedFrom, requestId };
      const kept = Object.fromEntries(fetchedFrom.map((department) => [department, generations[department] ?? -1]));
      await store.write(key, JSON.stringify(answer), kept, ttlSeconds);
    },
    invalidate: (written) => store.invalidate(written),
    close: () => store.close(),
  };
}
