import { Kind, parse, type DirectiveNode, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { PLATFORM_DEPARTMENT } from './model';

export type TypeKind = 'object' | 'interface' | 'union' | 'enum' | 'input' | 'scalar';

export interface SupergraphField {
  coordinate: string;
  typeName: string;
  fieldName: string;
  /** The named type it returns (`String` for `[String!]!`). */
  returns: string;
  description: string | null;
  /** The departments (subgraph names) that resolve it. */
  departments: string[];
  isKey: boolean;
  /** Declared non-null (`String!`, `[License!]!`): a null there nulls the record holding it. */
  nonNull: boolean;
}

export interface SupergraphType {
  name: string;
  kind: TypeKind;
  /** join__*, link__* and _Service-like types: not governed by policies. */
  internal: boolean;
  isRoot: boolean;
  /** Has a key in at least one subgraph. */
  isEntity: boolean;
  departments: string[];
  /** The department that contributes most of its own fields; null for a type no one owns (PageInfo). */
  owner: string | null;
  fields: Map<string, SupergraphField>;
}

/** What the policies need to know about the composed graph. */
export interface SupergraphFacts {
  departments: string[];
  types: Map<string, SupergraphType>;
  /** Every field that needs a rule: fields of object types, federation internals left out. */
  governedFields(): SupergraphField[];
  field(coordinate: string): SupergraphField | undefined;
  /** The file that should cover a field (`population`, or `platform` for shared structural types). */
  homeOf(field: SupergraphField): string;
  /** True when platform.yaml may cover fields of this type (shared non-entity types, connections, edges). */
  isStructural(type: SupergraphType): boolean;
}

const KINDS: Partial<Record<string, TypeKind>> = {
  [Kind.OBJECT_TYPE_DEFINITION]: 'object',
  [Kind.INTERFACE_TYPE_DEFINITION]: 'interface',
  [Kind.UNION_TYPE_DEFINITION]: 'union',
  [Kind.ENUM_TYPE_DEFINITION]: 'enum',
  [Kind.INPUT_OBJECT_TYPE_DEFINITION]: 'input',
  [Kind.SCALAR_TYPE_DEFINITION]: 'scalar',
};

function argument(directive: DirectiveNode, name: string): string | boolean | null {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  if (arg.value.kind === Kind.STRING || arg.value.kind === Kind.ENUM) return arg.value.value;
  if (arg.value.kind === Kind.BOOLEAN) return arg.value.value;
  return null;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function keyFieldNames(fieldSet: string): string[] {
  const selection = parse(`{ ${fieldSet} }`).definitions[0];
  if (selection.kind !== Kind.OPERATION_DEFINITION) return [];
  return selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

function isInternalName(name: string): boolean {
  return name.startsWith('join__') || name.startsWith('link__') || name.startsWith('_');
}

/** Reads the supergraph's join directives: which department resolves which field, and the entity keys. */
export function readSupergraph(supergraphSdl: string): SupergraphFacts {
  let document: DocumentNode;
  try {
    document = parse(supergraphSdl);
  } catch (error) {
    throw new Error(`The supergraph SDL does not parse: ${(error as Error).message}. Pass the text of schema/composition/supergraph.graphql.`);
  }
  const graphNames = new Map<string, string>();
  const roots = new Set(['Query', 'Mutation', 'Subscription']);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const directive = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = directive && argument(directive, 'name');
        graphNames.set(value.name.value, typeof name === 'string' ? name : value.name.value.toLowerCase());
      }
    }
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      roots.clear();
      definition.operationTypes.forEach((op) => roots.add(op.type.name.value));
    }
  }
  if (graphNames.size === 0) throw new Error('The SDL has no join__Graph enum: pass a composed supergraph (schema/composition/supergraph.graphql), not a subgraph SDL.');
  const graphOf = (directive: DirectiveNode): string | null => {
    const graph = argument(directive, 'graph');
    return typeof graph === 'string' ? (graphNames.get(graph) ?? null) : null;
  };

  const types = new Map<string, SupergraphType>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !KINDS[definition.kind]) continue;
    const name = definition.name.value;
    const joinTypes = (definition.directives ?? []).filter((d) => d.name.value === 'join__type');
    const departments = [...new Set(joinTypes.flatMap((d) => graphOf(d) ?? []))].sort();
    const keys = new Set(
      joinTypes.flatMap((d) => {
        const key = argument(d, 'key');
        return typeof key === 'string' ? keyFieldNames(key) : [];
      }),
    );
    const type: SupergraphType = {
      name,
      kind: KINDS[definition.kind]!,
      internal: isInternalName(name),
      isRoot: roots.has(name),
      isEntity: keys.size > 0,
      departments,
      owner: null,
      fields: new Map(),
    };
    const fields = 'fields' in definition ? ((definition.fields ?? []) as readonly FieldDefinitionNode[]) : [];
    for (const field of fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const joinFields = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      // An external field is only referenced there; an overridden one is no longer resolved there.
      const resolving = joinFields.filter((d) => argument(d, 'external') !== true && argument(d, 'usedOverridden') !== true).flatMap((d) => graphOf(d) ?? []);
      type.fields.set(field.name.value, {
        coordinate: `${name}.${field.name.value}`,
        typeName: name,
        fieldName: field.name.value,
        returns: namedType(field.type),
        description: field.description?.value ?? null,
        departments: resolving.length > 0 ? [...new Set(resolving)].sort() : departments,
        isKey: keys.has(field.name.value),
        nonNull: field.type.kind === Kind.NON_NULL_TYPE,
      });
    }
    type.owner = ownerOf(type);
    types.set(name, type);
  }

  const isStructural = (type: SupergraphType): boolean =>
    type.kind === 'object' && !type.isRoot && !type.isEntity && !type.internal && (type.departments.length > 1 || /(Connection|Edge)$/.test(type.name));

  return {
    departments: [...new Set(graphNames.values())].sort(),
    types,
    governedFields: () =>
      [...types.values()]
        .filter((type) => type.kind === 'object' && !type.internal)
        .flatMap((type) => [...type.fields.values()].filter((field) => !isInternalName(field.fieldName))),
    field(coordinate) {
      const dot = coordinate.indexOf('.');
      return dot < 0 ? undefined : types.get(coordinate.slice(0, dot))?.fields.get(coordinate.slice(dot + 1));
    },
    homeOf(field) {
      if (field.departments.length === 1) return field.departments[0];
      const owner = types.get(field.typeName)?.owner;
      return owner && field.departments.includes(owner) ? owner : PLATFORM_DEPARTMENT;
    },
    isStructural,
  };
}

/**
 * The department that owns a type: the only one that has it, else the one resolving most
 * of its non-key fields alone (Person → population, Enterprise → market). Key fields
 * shared by several departments are covered by the owner.
 */
function ownerOf(type: SupergraphType): string | null {
  if (type.departments.length === 1) return type.departments[0];
  const counts = new Map<string, number>();
  for (const field of type.fields.values()) {
    if (field.isKey || field.departments.length !== 1) continue;
    counts.set(field.departments[0], (counts.get(field.departments[0]) ?? 0) + 1);
  }
  let owner: string | null = null;
  for (const [department, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (owner === null || count > counts.get(owner)!) owner = department;
  }
  return owner;
}
