import fs from 'node:fs';
import path from 'node:path';
import { concatAST, Kind, type DocumentNode } from 'graphql';
import { checkLegacyMapping, codedValueTypeDefs } from '../../codes';
import { loadTypeDefs } from '../../subgraphs/kit';
import type { ExchangeProblem } from '../ExchangeSource';
import { bindDeclaration, CODED_VALUE, type AdapterModel } from './bindDeclaration';
import { parseDeclaration } from './parseDeclaration';

export const DECLARATION_FILE = 'exchange.yaml';
export const SCHEMA_FILE = 'schema.graphql';

export interface AdapterFiles {
  model: AdapterModel | null;
  /** The SDL the department serves: its schema.graphql, with the shared CodedValue type when it uses it. */
  typeDefs: DocumentNode | null;
  problems: ExchangeProblem[];
}

/**
 * A declared department's folder read whole: `exchange.yaml` parsed, its code mappings checked
 * against the code tables, and bound to `schema.graphql`. Every problem is returned, each with
 * its file and line, none thrown; the file names are relative to `root` when given.
 */
export function readAdapterModel(dir: string, root?: string): AdapterFiles {
  const declarationFile = path.join(dir, DECLARATION_FILE);
  const shown = (file: string): string => (root ? path.relative(root, file) : file);
  if (!fs.existsSync(declarationFile)) return { model: null, typeDefs: null, problems: [{ file: shown(declarationFile), line: 1, message: 'there is no declaration here' }] };
  const { declaration, problems } = parseDeclaration(shown(declarationFile), fs.readFileSync(declarationFile, 'utf8'));
  if (!declaration) return { model: null, typeDefs: null, problems };
  if (declaration.department !== path.basename(dir)) {
    problems.push({ file: declaration.file, line: 1, message: `department "${declaration.department}" must be the name of its folder, ${path.basename(dir)}` });
  }
  for (const type of declaration.types) {
    for (const field of type.fields) {
      if (field.kind !== 'column' || !field.codes) continue;
      for (const message of checkLegacyMapping(field.codes)) problems.push({ file: declaration.file, line: field.line, message: `${type.name}.${field.name}: ${message}` });
    }
  }
  let typeDefs: DocumentNode;
  try {
    typeDefs = loadTypeDefs(path.join(dir, SCHEMA_FILE));
  } catch (error) {
    return { model: null, typeDefs: null, problems: [...problems, { file: shown(path.join(dir, SCHEMA_FILE)), line: 1, message: (error as Error).message }] };
  }
  const bound = bindDeclaration(declaration, typeDefs, dir);
  problems.push(...bound.problems);
  const definesCodedValue = typeDefs.definitions.some((definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === CODED_VALUE);
  const served = bound.model?.usesCodedValue && !definesCodedValue ? concatAST([typeDefs, codedValueTypeDefs()]) : typeDefs;
  return { model: problems.length ? null : bound.model, typeDefs: served, problems };
}
