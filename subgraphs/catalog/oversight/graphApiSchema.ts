import fs from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { apiSchemaOf } from '../../../policies';

/** The last schema built, with the file and the stamp it was built from. */
let built: { key: string; schema: GraphQLSchema } | null = null;

/**
 * The schema clients query (`apiSchemaOf`), built from the supergraph file the catalog
 * describes and built again when that file is rewritten (a department added a field).
 * Building takes a fraction of a second, so it is kept: it is the same for every request
 * and every reader. A file that no longer builds keeps the last good schema.
 */
export function graphApiSchema(file: string): GraphQLSchema {
  const stat = fs.statSync(file);
  const key = `${file}|${stat.mtimeMs}|${stat.size}`;
  if (built?.key === key) return built.schema;
  try {
    built = { key, schema: apiSchemaOf(fs.readFileSync(file, 'utf8')) };
  } catch (error) {
    if (!built || !built.key.startsWith(`${file}|`)) throw error;
  }
  return built.schema;
}
