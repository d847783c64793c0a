import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Shorter secrets are refused: HS256 is only as strong as its key. */
export const MIN_SECRET_LENGTH = 32;

/** Where the development secret lives: `<GOVGRAPH_DATA_DIR or .data>/jwt-secret`. */
export function jwtSecretFile(dataDir = process.env.GOVGRAPH_DATA_DIR ?? path.resolve('.data')): string {
  return path.join(dataDir, 'jwt-secret');
}

/** The secret from `GOVGRAPH_JWT_SECRET`, or undefined when it is not set. */
export function jwtSecretFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array | undefined {
  const text = env.GOVGRAPH_JWT_SECRET;
  if (text === undefined || text === '') return undefined;
  if (text.length < MIN_SECRET_LENGTH) {
    throw new Error(`GOVGRAPH_JWT_SECRET is ${text.length} characters long; use at least ${MIN_SECRET_LENGTH} (e.g. \`openssl rand -base64 48\`)`);
  }
  return new TextEncoder().encode(text);
}

/**
 * The HS256 secret the development gateway and `govgraph token` share:
 * `GOVGRAPH_JWT_SECRET`, else the secret file, created on first use (readable by its owner only).
 */
export function loadOrCreateJwtSecret(file = jwtSecretFile(), env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const fromEnv = jwtSecretFromEnv(env);
  if (fromEnv) return fromEnv;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // `wx`: two processes starting at once must not overwrite each other's secret.
      fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_SECRET_LENGTH) {
    throw new Error(`The JWT secret in ${file} is shorter than ${MIN_SECRET_LENGTH} characters; delete the file to have a new one created`);
  }
  return new TextEncoder().encode(text);
}
