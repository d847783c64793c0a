import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/**
 * The disclosure log's types, in this one file: `defineDepartment` adds them to the schema of
 * every department serving its log, and composition reads the same file, listed beside the
 * department's schema.graphql in schema/composition/subgraphs.json.
 */
export const DISCLOSURES_SDL_FILE = path.join(__dirname, 'disclosures.graphql');

let typeDefs: DocumentNode | undefined;

/** The file's types, parsed once; a syntax error names the file. */
export function disclosureTypeDefs(): DocumentNode {
  if (!typeDefs) {
    try {
      typeDefs = parse(fs.readFileSync(DISCLOSURES_SDL_FILE, 'utf8'));
    } catch (error) {
      throw new Error(`${DISCLOSURES_SDL_FILE}: ${(error as Error).message}`);
    }
  }
  return typeDefs;
}
