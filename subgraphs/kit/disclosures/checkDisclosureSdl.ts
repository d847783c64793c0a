import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode } from 'graphql';

/** The SDL a department serving the disclosure queries copies into its schema.graphql. */
export const DISCLOSURES_SDL_FILE = path.join(__dirname, 'disclosures.graphql');

type Fields = Map<string, FieldDefinitionNode>;

function fieldsByType(document: DocumentNode): Map<string, Fields> {
  const types = new Map<string, Fields>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const fields = types.get(definition.name.value) ?? new Map<string, FieldDefinitionNode>();
    for (const field of definition.fields ?? []) fields.set(field.name.value, field);
    types.set(definition.name.value, fields);
  }
  return types;
}

/** A field's shape without its description: type, arguments and their defaults. */
function shapeOf(field: FieldDefinitionNode): string {
  const args = (field.arguments ?? []).map((a) => `${a.name.value}: ${print(a.type)}${a.defaultValue ? ` = ${print(a.defaultValue)}` : ''}`);
  return `${field.name.value}${args.length ? `(${args.join(', ')})` : ''}: ${print(field.type)}`;
}

/**
 * The problems with a department's SDL for serving the disclosure queries: every type and
 * field of `disclosures.graphql` must be declared with the same shape (descriptions may
 * differ), and PageInfo must exist. Empty when it is right.
 */
export function checkDisclosureSdl(typeDefs: DocumentNode): string[] {
  const wanted = fieldsByType(parse(fs.readFileSync(DISCLOSURES_SDL_FILE, 'utf8')));
  const declared = fieldsByType(typeDefs);
  const problems: string[] = [];
  if (!declared.has('PageInfo')) problems.push('PageInfo is not declared (DisclosureConnection.pageInfo needs it)');
  for (const [typeName, fields] of wanted) {
    const own = declared.get(typeName);
    for (const [name, field] of fields) {
      const found = own?.get(name);
      if (!found) problems.push(`${typeName}.${name} is missing: declare ${shapeOf(field)}`);
      else if (shapeOf(found) !== shapeOf(field)) problems.push(`${typeName}.${name} is declared as ${shapeOf(found)}; the kit serves ${shapeOf(field)}`);
    }
  }
  return problems;
}
