import {
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { FEDERATION_INTERNALS } from '../enforcement/federationInternals';

/** A type whose records the disclosure log records, and how to read a record's key. */
export interface RecordType {
  name: string;
  keyFields: readonly string[];
  /** The record's key as the schema serves it (its key fields' resolvers), several fields joined by a space. */
  keyOf(record: unknown, context: unknown, info: GraphQLResolveInfo): string;
}

function keyDirectives(type: GraphQLObjectType): ConstDirectiveNode[] {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  return nodes.flatMap((node) => (node?.directives ?? []).filter((d) => d.name.value === 'key' || d.name.value === 'federation__key'));
}

function argument(directive: ConstDirectiveNode, name: string): unknown {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING) return value.value;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/** The fields of the first resolvable `@key`, or null when the type has none. */
function keyFieldsOf(type: GraphQLObjectType): string[] | null {
  const key = keyDirectives(type).find((d) => argument(d, 'resolvable') !== false);
  if (!key) return null;
  const fields = String(argument(key, 'fields') ?? '');
  if (/[{}]/.test(fields))
    throw new Error(`${type.name} has a nested @key (${fields}); the disclosure log reads flat keys only: list its record types without it (disclosures.recordTypes)`);
  return fields.split(/[\s,]+/).filter(Boolean);
}

function keyReader(type: GraphQLObjectType, name: string): (record: unknown, context: unknown, info: GraphQLResolveInfo) => unknown {
  const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
  if (!field) throw new Error(`${type.name}'s @key names ${name}, which it does not have`);
  const resolve = field.resolve;
  if (!resolve) return (record) => (record as Record<string, unknown> | null)?.[name];
  return (record, context, info) => resolve(record, {}, context, { ...info, fieldName: name, returnType: field.type, parentType: type });
}

/**
 * Which of the subgraph's types are records for the disclosure log: by default every
 * entity (a type with a resolvable `@key`) for which this department serves at least one
 * value of its own (a scalar or enum field besides the key). That leaves out the
 * references a department keeps to other departments' entities (`Person { idNumber
 * licenses }` in licenses): the records they lead to are logged as what they are.
 * `only` lists the record types instead.
 */
export function recordTypesOf(schema: GraphQLSchema, only?: readonly string[]): Map<string, RecordType> {
  const types = new Map<string, RecordType>();
  const candidates = only
    ? only.map((name) => {
        const type = schema.getType(name);
        if (!isObjectType(type)) throw new Error(`disclosures.recordTypes: the subgraph schema has no object type ${name}`);
        return type;
      })
    : Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));
  for (const type of candidates) {
    const keyFields = keyFieldsOf(type);
    if (!keyFields || keyFields.length === 0) {
      if (only) throw new Error(`disclosures.recordTypes: ${type.name} has no resolvable @key, so its records have no key to log`);
      continue;
    }
    const ownValues = Object.values(type.getFields()).some(
      (field) => !keyFields.includes(field.name) && !FEDERATION_INTERNALS.has(`${type.name}.${field.name}`) && isLeafType(getNamedType(field.type)),
    );
    if (!only && !ownValues) continue;
    const readers = keyFields.map((name) => keyReader(type, name));
    types.set(type.name, {
      name: type.name,
      keyFields,
      keyOf(record, context, info) {
        return readers
          .map((read, i) => {
            const value = read(record, context, info);
            if (value instanceof Promise) {
              throw new Error(`${type.name}.${keyFields[i]} resolves asynchronously; the disclosure log reads keys from the record: make its resolver synchronous`);
            }
            if (value === null || value === undefined) throw new Error(`A ${type.name} record has no ${keyFields[i]}; its disclosure cannot be logged`);
            return String(value);
          })
          .join(' ');
      },
    });
  }
  return types;
}
