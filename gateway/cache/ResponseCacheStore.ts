import type { Generations } from './CachedAnswer';

/**
 * Where answers are kept: in Redis, shared by every gateway instance, or in one process's
 * memory. Values are opaque text; the store only knows which departments' generations each
 * one was computed at, and reads as a miss any entry a department has been written to since.
 */
export interface ResponseCacheStore {
  /** What Redis or memory says it is, for /health and the logs. */
  readonly kind: 'redis' | 'memory';
  /** The entry under `key`, unless it expired or a department it holds records of has been written to since it was kept. */
  read(key: string): Promise<string | undefined>;
  /** The departments' generations now: taken before an answer is computed, kept with it. */
  generations(departments: readonly string[]): Promise<Generations>;
  /** Keeps `value` for `ttlSeconds`, valid while each department in `generations` stays at its generation. */
  write(key: string, value: string, generations: Generations, ttlSeconds: number): Promise<void>;
  /** A write reached these departments: every entry holding their records is stale from now on. */
  invalidate(departments: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
