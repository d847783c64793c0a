import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadKeyMaterial, parseTextSecret, type KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';

/** Shorter keys are refused: the signatures are only as strong as the key. */
export const MIN_AUDIT_KEY_LENGTH = 32;

export const AUDIT_KEY_ENV = 'GOVGRAPH_AUDIT_KEY';

/** The key file beside an audit directory: `<data dir>/audit` → `<data dir>/audit-key`. */
export function auditKeyFile(auditDir: string): string {
  return path.join(path.dirname(path.resolve(auditDir)), 'audit-key');
}

export interface LoadAuditKeyOptions {
  /** Where the key lives when `GOVGRAPH_AUDIT_KEY` is not set. */
  file: string;
  /** Create the file when it does not exist (the gateway on first start; never in production, never for the CLI). */
  create: boolean;
  /** The environment `GOVGRAPH_AUDIT_KEY` is read from: the caller's (`process.env` at the command line, `{}` where a configuration already settled it). */
  env: KeyEnv;
}

const parseAuditKey = (text: string, source: string): Uint8Array => parseTextSecret(text, source, MIN_AUDIT_KEY_LENGTH, 'e.g. `openssl rand -hex 32`');

/**
 * The HMAC key that signs audit records: `GOVGRAPH_AUDIT_KEY`, else the key file (created
 * on first start, readable by its owner only). Whoever holds the key can forge records: in
 * production keep it out of the data directory (set the variable from a secret store).
 */
export function loadAuditKey({ file, create, env }: LoadAuditKeyOptions): Uint8Array {
  return loadKeyMaterial({
    given: { value: env[AUDIT_KEY_ENV], source: AUDIT_KEY_ENV },
    file,
    parse: parseAuditKey,
    create: create ? () => ({ text: randomBytes(32).toString('hex') }) : undefined,
    missing: `No audit key: set ${AUDIT_KEY_ENV} or provide ${file} (the key the gateway signed the records with)`,
  }).key;
}

/** The key in `file` (an explicit key file; the environment is not consulted). */
export function loadAuditKeyFromFile(file: string): Uint8Array {
  return loadAuditKey({ file, create: false, env: {} });
}
