/**
 * The Redis Streams of the write-back exchange, under a prefix (`GOVGRAPH_REDIS_PREFIX`,
 * default `govgraph:`):
 * - `<prefix>write-backs:<department>`: the events for one owning department, read by its consumer group (named after it);
 * - `<prefix>write-back-outcomes`: every department's outcomes, read by the services group;
 * - `<prefix>write-backs:forged`: what a department received that was not signed by the service platform, kept for inspection.
 * An entry's fields: `id`, `payload`, `signature` (a `SealedWriteBack`), or `outcome` (a `WriteBackOutcome` as JSON).
 */
export const DEFAULT_WRITE_BACK_PREFIX = 'govgraph:';

export interface WriteBackStreamKeys {
  events(department: string): string;
  outcomes: string;
  forged: string;
}

export function writeBackStreamKeys(prefix: string = DEFAULT_WRITE_BACK_PREFIX): WriteBackStreamKeys {
  return {
    events: (department) => `${prefix}write-backs:${department}`,
    outcomes: `${prefix}write-back-outcomes`,
    forged: `${prefix}write-backs:forged`,
  };
}

/** The consumer group of the services department on the outcomes stream. */
export const OUTCOMES_GROUP = 'services';
