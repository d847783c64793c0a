/**
 * How long a Redis connection awaiting a reply may stay silent before it counts as dead: a
 * Redis behind a partition, or restarted while one lasted, never answers on the old
 * connection, and nothing else would tell the client (TCP gives up only after many minutes).
 * Given to ioredis as `socketTimeout` by every connection the gateway and the followers of
 * published snapshots keep open.
 */
export function silentConnectionMs(timeoutMs: number): number {
  return Math.max(4 * timeoutMs, 1000);
}
