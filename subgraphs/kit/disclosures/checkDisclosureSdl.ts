import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode } from 'graphql';

/** The SDL a department serving its disclosure log copies into its schema.graphql. */
export const DISCLOSURES_SDL_FILE = path.join(__dirname, 'disclosures.graphql');

/**
 * Which queries a department serves over its disclosure log: `registry` (the department
 * holding residents' identity records) `Query.myDisclosures` and `Query.disclosures(subject)`;
 * `department` (any other) its own `Query.<name>Disclosures(subject, first, after)`.
 */
export type DisclosureQueries = 'registry' | 'department';

/** The root field a `department`-kind department serves its log under: `licensesDisclosures`. */
export function departmentDisclosuresField(department: string): string {
  return `${department}Disclosures`;
}

type Fields = Map<string, FieldDefinitionNode>;

interface DeclaredType {
  fields: Fields;
  shareable: boolean;
}

function typesOf(document: DocumentNode): Map<string, DeclaredType> {
  const types = new Map<string, DeclaredType>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = types.get(definition.name.value) ?? { fields: new Map<string, FieldDefinitionNode>(), shareable: false };
    for (const field of definition.fields ?? []) type.fields.set(field.name.value, field);
    if ((definition.directives ?? []).some((d) => d.name.value === 'shareable' || d.name.value === 'federation__shareable')) type.shareable = true;
    types.set(definition.name.value, type);
  }
  return types;
}

/** The types and Query fields a department of this kind declares, as the kit serves them. */
function wantedSdl(department: string, queries: DisclosureQueries): Map<string, DeclaredType> {
  const wanted = typesOf(parse(fs.readFileSync(DISCLOSURES_SDL_FILE, 'utf8')));
  if (queries === 'department') {
    const field = departmentDisclosuresField(department);
    wanted.set('Query', typesOf(parse(`type Query { ${field}(subject: ID, first: Int = 20, after: String): DisclosureConnection }`)).get('Query')!);
  }
  return wanted;
}

/** A field's shape without its description: type, arguments and their defaults. */
function shapeOf(field: FieldDefinitionNode): string {
  const args = (field.arguments ?? []).map((a) => `${a.name.value}: ${print(a.type)}${a.defaultValue ? ` = ${print(a.defaultValue)}` : ''}`);
  return `${field.name.value}${args.length ? `(${args.join(', ')})` : ''}: ${print(field.type)}`;
}

/**
 * The problems with a department's SDL for serving its disclosure log: every type and field
 * of `disclosures.graphql` (its Query fields those of `queries`) must be declared with the
 * same shape (descriptions may differ), the shared types @shareable, and PageInfo must
 * exist. Empty when it is right.
 */
export function checkDisclosureSdl(typeDefs: DocumentNode, department: string, queries: DisclosureQueries): string[] {
  const wanted = wantedSdl(department, queries);
  const declared = typesOf(typeDefs);
  const problems: string[] = [];
  if (!declared.has('PageInfo')) problems.push('PageInfo is not declared (DisclosureConnection.pageInfo needs it)');
  for (const [typeName, type] of wanted) {
    const own = declared.get(typeName);
    if (typeName !== 'Query' && own && !own.shareable) problems.push(`${typeName} is not @shareable: every department serving its disclosure log declares it`);
    for (const [name, field] of type.fields) {
      const found = own?.fields.get(name);
      if (!found) problems.push(`${typeName}.${name} is missing: declare ${shapeOf(field)}`);
      else if (shapeOf(found) !== shapeOf(field)) problems.push(`${typeName}.${name} is declared as ${shapeOf(found)}; the kit serves ${shapeOf(field)}`);
    }
  }
  return problems;
}
