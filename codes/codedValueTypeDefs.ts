import fs from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/**
 * The CodedValue type, in this one file: the exchange adapter adds it to the schema of a
 * department with standard-coded fields, and composition reads the same file, listed beside
 * the department's schema.graphql in schema/composition/subgraphs.json.
 */
export const CODED_VALUE_SDL_FILE = path.join(__dirname, 'codedValue.graphql');

let typeDefs: DocumentNode | undefined;

/** The file's type, parsed once; a syntax error names the file. */
export function codedValueTypeDefs(): DocumentNode {
  if (!typeDefs) {
    try {
      typeDefs = parse(fs.readFileSync(CODED_VALUE_SDL_FILE, 'utf8'));
    } catch (error) {
      throw new Error(`${CODED_VALUE_SDL_FILE}: ${(error as Error).message}`);
    }
  }
  return typeDefs;
}
