import fs from 'node:fs';
import path from 'node:path';
import { VOCABULARY_FILE } from './model';
import { parseVocabulary } from './parseVocabulary';

/**
 * The purposes of use a policy folder's `vocabulary.yaml` declares, read without the rules:
 * what a gateway with the policies switched off still checks `X-Purpose` against, whatever
 * the rules would say about the graph. No vocabulary file: none.
 */
export function readDeclaredPurposes(dir: string): string[] {
  const file = path.join(dir, VOCABULARY_FILE);
  if (!fs.existsSync(file)) return [];
  return [...parseVocabulary(VOCABULARY_FILE, fs.readFileSync(file, 'utf8')).vocabulary.purposes.keys()];
}
