import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Shorter keys are refused: the signatures are only as strong as the key. */
export const MIN_AUDIT_KEY_LENGTH = 32;

/** The key file beside an audit directory: `<data dir>/audit` → `<data dir>/audit-key`. */
export function auditKeyFile(auditDir: string): string {
  return path.join(path.dirname(path.resolve(auditDir)), 'audit-key');
}

export interface LoadAuditKeyOptions {
  /** Where the key lives when `GOVGRAPH_AUDIT_KEY` is not set. */
  file: string;
  /** Create the file when it does not exist (the gateway on first start; never in production, never for the CLI). */
  create: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The HMAC key that signs audit records: `GOVGRAPH_AUDIT_KEY`, else the key file (created
 * on first start, readable by its owner only). Whoever holds the key can forge records: in
 * production keep it out of the data directory (set the variable from a secret store).
 */
export function loadAuditKey({ file, create, env = process.env }: LoadAuditKeyOptions): Uint8Array {
  const fromEnv = env.GOVGRAPH_AUDIT_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_AUDIT_KEY_LENGTH) {
      throw new Error(`GOVGRAPH_AUDIT_KEY is ${fromEnv.length} characters long; use at least ${MIN_AUDIT_KEY_LENGTH} (e.g. \`openssl rand -hex 32\`)`);
    }
    return new TextEncoder().encode(fromEnv);
  }
  if (!fs.existsSync(file)) {
    if (!create) throw new Error(`No audit key: set GOVGRAPH_AUDIT_KEY or provide ${file} (the key the gateway signed the records with)`);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // `wx`: two processes starting at once must not overwrite each other's key.
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return loadAuditKeyFromFile(file);
}

/** The key in `file` (an explicit key file; the environment is not consulted). */
export function loadAuditKeyFromFile(file: string): Uint8Array {
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_AUDIT_KEY_LENGTH) throw new Error(`The audit key in ${file} is shorter than ${MIN_AUDIT_KEY_LENGTH} characters`);
  return new TextEncoder().encode(text);
}
