import { createHash } from 'node:crypto';
import type { PolicyFileText } from './readPolicyDir';

/** sha256 (hex) over each file's name and contents, in file-name order, each followed by a NUL byte. */
export function hashPolicyFiles(files: PolicyFileText[]): string {
  const hash = createHash('sha256');
  for (const { file, text } of files) hash.update(file).update('\0').update(text).update('\0');
  return hash.digest('hex');
}
