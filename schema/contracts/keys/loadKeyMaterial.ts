import fs from 'node:fs';
import path from 'node:path';

/** The environment a key's variable is read from: given by the caller (its configuration), never `process.env` by default. */
export type KeyEnv = Readonly<Record<string, string | undefined>>;

/** What a new key is written as on first use in development: its file's text, and files beside it (its public half). */
export interface NewKeyMaterial {
  text: string;
  /** File name (in the key file's directory) → text: what others may read, such as the public half. */
  beside?: Record<string, string>;
}

export interface LoadKeyMaterialOptions<T> {
  /**
   * The value the caller's configuration holds (a variable's value, a key given in code) and
   * where it came from (the variable's name), which messages name instead of the value.
   * Unset or empty: the file.
   */
  given?: { value: string | undefined; source: string };
  /** Where the key is kept when it is not given. */
  file: string;
  /**
   * Reads the key from `text` (a file's without the whitespace around it), throwing an Error
   * that names `source` (a variable's name, a file) and says how to fix it, never repeating
   * the text: it is a secret.
   */
  parse(text: string, source: string): T;
  /**
   * Development only: makes the key when neither the value nor the file is there. It is
   * written to `file`, readable by its owner only. Absent (production, or a reader such as
   * the CLI that must never invent a key): an absent key is an error.
   */
  create?: () => NewKeyMaterial;
  /** The error when the key is nowhere and may not be created: how to provide it. */
  missing: string;
}

export interface LoadedKeyMaterial<T> {
  key: T;
  /** Where it came from: the variable's name or the file, for messages. */
  source: string;
  /** Made just now (development, first use). */
  created: boolean;
}

/**
 * The one way govgraph loads a key or secret (the gateway's token keys, the audit key, the
 * development JWT secret, the policy and grant signing keys): the value the caller's
 * configuration gives, else the file, else, when the caller allows it (development), a new
 * key written to the file with mode 0600 in a directory of mode 0700. An absent key the caller
 * may not create is refused with `missing`. Errors name where a key was looked for, never
 * its contents.
 */
export function loadKeyMaterial<T>(options: LoadKeyMaterialOptions<T>): LoadedKeyMaterial<T> {
  const { given, file } = options;
  if (given?.value !== undefined && given.value !== '') return { key: options.parse(given.value, given.source), source: given.source, created: false };
  let created = false;
  if (!fs.existsSync(file)) {
    if (!options.create) throw new Error(options.missing);
    created = writeNewKey(file, options.create());
  }
  return { key: options.parse(fs.readFileSync(file, 'utf8').trim(), file), source: file, created };
}

/** Writes a new key unless another process got there first (then its key is the one read). */
function writeNewKey(file: string, material: NewKeyMaterial): boolean {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once must not overwrite each other's key.
    fs.writeFileSync(file, material.text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  for (const [name, text] of Object.entries(material.beside ?? {})) fs.writeFileSync(path.join(dir, name), text);
  return true;
}

/** `text` as JSON, or an Error naming `source` and how to fix it (JSON.parse's own message may quote the text). */
export function parseKeyJson(text: string, source: string, how: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON: ${how}`);
  }
}

/** A text secret of at least `minLength` characters, as bytes; `fix` says how to make a good one. */
export function parseTextSecret(text: string, source: string, minLength: number, fix: string): Uint8Array {
  if (text.length < minLength) throw new Error(`${source} is ${text.length} characters long; use at least ${minLength} (${fix})`);
  return new TextEncoder().encode(text);
}
