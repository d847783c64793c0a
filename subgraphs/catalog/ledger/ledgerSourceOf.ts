import path from 'node:path';
import type { Logger } from 'pino';
import { auditKeyFile, DEFAULT_AUDIT_STREAM, redactRedisUrl } from '../../../gateway/audit';
import type { KeyEnv } from '../../../schema/contracts/keys/loadKeyMaterial';

/** Day files in a directory, or a Redis stream. */
export type LedgerLocation = { kind: 'files'; dir: string } | { kind: 'redis'; url: string; stream: string };

/** The gateway's audit ledger as the catalog reads it: where, with which key, and where to report trouble. */
export interface LedgerSource {
  location: LedgerLocation;
  /** Where the ledger is, without credentials: the directory, or `redis://host:6379/ stream govgraph:audit`. */
  description: string;
  /** The audit key: `GOVGRAPH_AUDIT_KEY` in `env`, else the gateway's key `file` (read when needed: the gateway creates it on its first start, after the departments). */
  key: { file: string; env: KeyEnv };
  log: Logger;
}

const value = (env: KeyEnv, name: string): string | undefined => env[name]?.trim() || undefined;

/**
 * The ledger the gateway writes, from the settings it reads (`govgraph start` gives every
 * department the same environment): with `REDIS_URL` the stream `GOVGRAPH_AUDIT_STREAM` (default
 * `govgraph:audit`), else the day files in `GOVGRAPH_AUDIT_DIR`, else `<data dir>/audit`; the
 * key `GOVGRAPH_AUDIT_KEY`, else the `audit-key` file beside that directory.
 */
export function ledgerSourceOf({ env, dataDir, log }: { env: KeyEnv; dataDir: string; log: Logger }): LedgerSource {
  const givenDir = value(env, 'GOVGRAPH_AUDIT_DIR');
  const dir = givenDir ? path.resolve(givenDir) : path.join(path.resolve(dataDir), 'audit');
  const key = { file: auditKeyFile(dir), env };
  const url = value(env, 'REDIS_URL');
  if (!url) return { location: { kind: 'files', dir }, description: dir, key, log };
  const stream = value(env, 'GOVGRAPH_AUDIT_STREAM') ?? DEFAULT_AUDIT_STREAM;
  return { location: { kind: 'redis', url, stream }, description: `${redactRedisUrl(url)} stream ${stream}`, key, log };
}
