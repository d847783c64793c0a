import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Permission bits that let anyone but the owner read or change the file. */
const SHARED_BITS = 0o077;

/**
 * The API key kept in a file of the data directory, or null when the file is absent. A file that
 * others may read is refused (an Error saying how to fix it), as ssh refuses a private key: the
 * key would no longer be the owner's alone.
 */
export function readApiKeyFile(file: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (process.platform !== 'win32' && (stat.mode & SHARED_BITS) !== 0) {
    throw new Error(`${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}); chmod 600 it, or delete it to have a new key made`);
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key === '') throw new Error(`${file} is empty; delete it to have a new key made`);
  return key;
}

/**
 * The key in `file`, made (random, 0600, in a 0700 folder) when there is none: how a stand-in of
 * a department's API keeps the same key across restarts, so that the department and
 * `govgraph exchange check` can read it without anyone copying it into a variable.
 */
export function ensureApiKeyFile(file: string): string {
  const existing = readApiKeyFile(file);
  if (existing !== null) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(24).toString('base64url');
  try {
    // `wx`: two processes starting at once agree on the first key written.
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readApiKeyFile(file)!;
    throw error;
  }
  return key;
}
