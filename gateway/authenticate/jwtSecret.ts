import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadKeyMaterial, parseTextSecret, type KeyEnv, type LoadedKeyMaterial } from '../../schema/contracts/keys/loadKeyMaterial';

/** Shorter secrets are refused: HS256 is only as strong as its key. */
export const MIN_SECRET_LENGTH = 32;

export const JWT_SECRET_ENV = 'GOVGRAPH_JWT_SECRET';

/** Where the development secret lives: `<data dir>/jwt-secret`. */
export function jwtSecretFile(dataDir: string): string {
  return path.join(dataDir, 'jwt-secret');
}

export interface LoadJwtSecretOptions {
  /** Where the secret lives when `GOVGRAPH_JWT_SECRET` is not set. */
  file: string;
  /** The environment `GOVGRAPH_JWT_SECRET` is read from: the caller's (`{}` where a configuration already settled it). */
  env: KeyEnv;
  /** Create the file when it does not exist (development; production never makes a secret of its own). */
  create: boolean;
}

/**
 * The HS256 secret the development gateway and `govgraph token` share:
 * `GOVGRAPH_JWT_SECRET`, else the secret file, created on first use in development (readable
 * by its owner only). `source` says which, for messages.
 */
export function loadJwtSecret({ file, env, create }: LoadJwtSecretOptions): LoadedKeyMaterial<Uint8Array> {
  return loadKeyMaterial({
    given: { value: env[JWT_SECRET_ENV], source: JWT_SECRET_ENV },
    file,
    parse: (text, source) => parseTextSecret(text, source, MIN_SECRET_LENGTH, source === file ? 'delete the file to have a new one created' : 'e.g. `openssl rand -base64 48`'),
    create: create ? () => ({ text: randomBytes(48).toString('base64url') }) : undefined,
    missing: `No JWT secret: set ${JWT_SECRET_ENV} (at least ${MIN_SECRET_LENGTH} characters) or provide ${file}; production never creates one`,
  });
}

/** The secret alone (see `loadJwtSecret`). */
export function loadOrCreateJwtSecret(options: LoadJwtSecretOptions): Uint8Array {
  return loadJwtSecret(options).key;
}
