import { z } from 'zod';
import { envValue, type Env } from './envReaders';

export const MIN_AUDIT_KEY_LENGTH = 32;

/**
 * The audit ledger: JSON-line files under `dir` (default `<dataDir>/audit`), or with Redis the
 * stream every instance shares; sealed with `key` (else the `audit-key` file beside the
 * directory, created on first start in development only).
 */
export const auditConfig = z.object({
  dir: z.string().min(1).optional(),
  key: z.string().min(MIN_AUDIT_KEY_LENGTH, `use at least ${MIN_AUDIT_KEY_LENGTH} characters`).optional(),
  stream: z.string().min(1).default('govgraph:audit'),
});

export type AuditSettings = z.infer<typeof auditConfig>;

export const AUDIT_ENV = { dir: 'GOVGRAPH_AUDIT_DIR', key: 'GOVGRAPH_AUDIT_KEY', stream: 'GOVGRAPH_AUDIT_STREAM' } as const;

export function auditFromEnv(env: Env): unknown {
  return { dir: envValue(env, AUDIT_ENV.dir), key: env[AUDIT_ENV.key] || undefined, stream: envValue(env, AUDIT_ENV.stream) };
}
