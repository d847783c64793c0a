import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode } from 'graphql';
import { DISCLOSURES_SDL_FILE, disclosureTypeDefs } from './disclosureTypeDefs';

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

/** The Query fields the kit resolves for a department of this kind, as their declarations. */
function servedQueryFields(department: string, queries: DisclosureQueries): string {
  return queries === 'registry'
    ? 'myDisclosures(first: Int = 20, after: String): DisclosureConnection disclosures(subject: ID!, first: Int = 20, after: String): DisclosureConnection'
    : `${departmentDisclosuresField(department)}(subject: ID, first: Int = 20, after: String): DisclosureConnection`;
}

/** The fields each object type declares (its extensions included). */
function fieldsOf(document: DocumentNode): Map<string, Map<string, FieldDefinitionNode>> {
  const types = new Map<string, Map<string, FieldDefinitionNode>>();
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
 * The problems with a department's own SDL for serving its disclosure log, before the kit adds
 * the disclosure types to it: it declares the Query fields the kit resolves for `queries`, with
 * their shape (in its own words: descriptions are its own), and PageInfo; and none of the
 * disclosure types, which only the kit's file declares. Empty when it is right.
 */
export function checkDisclosureQueries(typeDefs: DocumentNode, department: string, queries: DisclosureQueries): string[] {
  const declared = fieldsOf(typeDefs);
  const problems: string[] = [];
  for (const type of fieldsOf(disclosureTypeDefs()).keys()) {
    if (declared.has(type)) problems.push(`${type} is declared: remove it, the kit adds the disclosure types from ${DISCLOSURES_SDL_FILE}`);
  }
  if (!declared.has('PageInfo')) problems.push('PageInfo is not declared (DisclosureConnection.pageInfo needs it)');
  const query = declared.get('Query');
  for (const [name, field] of fieldsOf(parse(`type Query { ${servedQueryFields(department, queries)} }`)).get('Query')!) {
    const found = query?.get(name);
    if (!found) problems.push(`Query.${name} is missing: declare ${shapeOf(field)}`);
    else if (shapeOf(found) !== shapeOf(field)) problems.push(`Query.${name} is declared as ${shapeOf(found)}; the kit serves ${shapeOf(field)}`);
  }
  return problems;
}
