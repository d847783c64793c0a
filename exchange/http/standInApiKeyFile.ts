import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DECLARATION_FILE } from '../declaration/readAdapterModel';
import { resolveDataPath } from '../resolveDataPath';

/**
 * Where a department's development stand-in keeps its API key: the `defaultApiKeyFile:` of its
 * http declaration, in the data directory; null when the declaration names none. The stand-in's
 * server writes it (ensureApiKeyFile) and the http source reads it, so both agree without the
 * key being copied into a variable.
 */
export function standInApiKeyFile(departmentDir: string, dataDir: string): string | null {
  const source = (parse(fs.readFileSync(path.join(departmentDir, DECLARATION_FILE), 'utf8')) as { source?: Record<string, unknown> } | null)?.source;
  const written = source?.defaultApiKeyFile;
  return typeof written === 'string' && written.trim() !== '' ? resolveDataPath(dataDir, written.trim()) : null;
}
