import type { AuditOptions } from './GatewayAudit';
import { DEFAULT_AUDIT_STREAM } from './RedisAuditSink';

/**
 * The audit store `govgraph start` uses: with `REDIS_URL`, the Redis stream
 * `GOVGRAPH_AUDIT_STREAM` (default `govgraph:audit`) that every instance shares; else
 * undefined (the JSON-line files under the data directory).
 */
export function auditOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AuditOptions | undefined {
  if (!env.REDIS_URL) return undefined;
  return { redis: { url: env.REDIS_URL, stream: env.GOVGRAPH_AUDIT_STREAM || DEFAULT_AUDIT_STREAM } };
}
