import { z } from 'zod';
import { envBoolean, envNumber, envValue, positiveInt, type Env } from './envReaders';

export const MIN_AUDIT_KEY_LENGTH = 32;

/**
 * The audit ledger: JSON-line files under `dir` (default `<dataDir>/audit`), or with Redis the
 * stream every instance shares; sealed with `key` (else the `audit-key` file beside the
 * directory, created on first start in development only). Beside the requests, the ledger records
 * every settled write-back the service platform reports (`writeBacks`, followed every `writeBackPollMs`).
 */
export const auditConfig = z.object({
  dir: z.string().min(1).optional(),
  key: z.string().min(MIN_AUDIT_KEY_LENGTH, `use at least ${MIN_AUDIT_KEY_LENGTH} characters`).optional(),
  stream: z.string().min(1).default('govgraph:audit'),
  /** Record each applied, refused or dead write-back (when the graph has a services department); false: none. */
  writeBacks: z.boolean().default(true),
  /** How often the service platform is asked for write-backs settled since the last one recorded. */
  writeBackPollMs: positiveInt.default(1000),
});

export type AuditSettings = z.infer<typeof auditConfig>;

export const AUDIT_ENV = {
  dir: 'GOVGRAPH_AUDIT_DIR',
  key: 'GOVGRAPH_AUDIT_KEY',
  stream: 'GOVGRAPH_AUDIT_STREAM',
  writeBacks: 'GOVGRAPH_WRITE_BACK_AUDIT',
  writeBackPollMs: 'GOVGRAPH_WRITE_BACK_AUDIT_POLL_MS',
} as const;

export function auditFromEnv(env: Env): unknown {
  return {
    dir: envValue(env, AUDIT_ENV.dir),
    key: env[AUDIT_ENV.key] || undefined,
    stream: envValue(env, AUDIT_ENV.stream),
    writeBacks: envBoolean(env, AUDIT_ENV.writeBacks),
    writeBackPollMs: envNumber(env, AUDIT_ENV.writeBackPollMs),
  };
}
