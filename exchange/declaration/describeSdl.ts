import { Kind, type DocumentNode, type TypeNode } from 'graphql';

/** A field of the SDL as the adapter needs it: its named type, whether a list, whether non-null. */
export interface SdlField {
  name: string;
  type: string;
  list: boolean;
  nonNull: boolean;
  /** `@external`: another department resolves it. */
  external: boolean;
}

export interface SdlObjectType {
  name: string;
  fields: ReadonlyMap<string, SdlField>;
  /** The fields of its `@key`s; empty for a type that is not an entity. */
  keyFields: readonly string[];
}

export interface SdlFacts {
  objects: ReadonlyMap<string, SdlObjectType>;
  enums: ReadonlyMap<string, ReadonlySet<string>>;
}

export const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function unwrap(type: TypeNode): { type: string; list: boolean; nonNull: boolean } {
  const nonNull = type.kind === Kind.NON_NULL_TYPE;
  let inner: TypeNode = nonNull ? type.type : type;
  let list = false;
  while (inner.kind !== Kind.NAMED_TYPE) {
    if (inner.kind === Kind.LIST_TYPE) list = true;
    inner = inner.type;
  }
  return { type: inner.name.value, list, nonNull };
}

/** The object types (definitions and extensions merged) and enums of a subgraph SDL. */
export function describeSdl(document: DocumentNode): SdlFacts {
  const objects = new Map<string, { name: string; fields: Map<string, SdlField>; keyFields: string[] }>();
  type Building = typeof objects extends Map<string, infer T> ? T : never;
  const enums = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const type: Building = objects.get(definition.name.value) ?? { name: definition.name.value, fields: new Map(), keyFields: [] };
      objects.set(type.name, type);
      for (const directive of definition.directives ?? []) {
        if (directive.name.value !== 'key') continue;
        const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
        if (fields?.kind === Kind.STRING) type.keyFields.push(...fields.value.split(/[\s{}]+/).filter(Boolean));
      }
      for (const field of definition.fields ?? []) {
        const external = (field.directives ?? []).some((directive) => directive.name.value === 'external');
        type.fields.set(field.name.value, { name: field.name.value, ...unwrap(field.type), external });
      }
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_EXTENSION) {
      const values = enums.get(definition.name.value) ?? new Set<string>();
      enums.set(definition.name.value, values);
      for (const value of definition.values ?? []) values.add(value.name.value);
    }
  }
  return { objects, enums };
}
