import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import {
  allReaderClasses,
  readSupergraph,
  type Decider,
  type FieldCatalogEntry,
  type PolicySet,
  type SharingType,
  type SupergraphFacts,
  type VocabularyNames,
} from '../../policies';
import { describeReaders } from './describeReaders';
import { assignResourceCodes, type CodedField, type ResourceCodeRegistry } from './resourceCodes';

/** One data resource of the catalog: a field of the supergraph with what the policies say about it. */
export interface CatalogEntry {
  /** `Person.householdAddress`. */
  coordinate: string;
  /** `Person: household address`, `Query: people`, `Action: apply for access`. */
  resourceName: string;
  /** `POP-01-006`: classification code + sequence (see `resourceCodes.ts`). */
  resourceCode: string;
  /** The department that provides it (whose policy file covers it); `platform` for shared structure. */
  department: string;
  description: string;
  /** As declared in the graph: `String!`, `[License!]!`. */
  dataType: string;
  /** `text`, `identifier`, `code: MALE | FEMALE`, `record: Enterprise`, `list of record: License`. */
  format: string;
  sharing: SharingType;
  /** 1 (public) … 4 (restricted). */
  sensitivity: number;
  updateCycle: string;
  /** An anonymous reader may read it (in the clear or masked). */
  openToPublic: boolean;
  /** Who may read it, in plain words (before access grants). */
  readers: string;
}

export interface CatalogSource {
  supergraphSdl: string;
  /** The policies in force (the decisions and `catalog()` metadata come from them). */
  policies: Pick<PolicySet, 'decide' | 'catalog' | 'roles' | 'purposes' | 'departments'>;
  /**
   * The same decisions without the policy set's memo (`loadPolicyFiles` gives one): asking
   * about every kind of reader of every field would only churn the memo.
   */
  decider?: Decider;
  /** The committed resource codes; fields not in it yet get the codes `compose` would give them. */
  codes: ResourceCodeRegistry;
}

const SCALARS: Record<string, string> = { ID: 'identifier', String: 'text', Int: 'integer', Float: 'decimal number', Boolean: 'true or false' };

/**
 * The fields a catalog lists, each with the department that provides it, in the order new
 * codes are given: records (entities) first, then other types, then queries and actions;
 * supergraph order within each.
 */
export function catalogFieldsOf(facts: SupergraphFacts): CodedField[] {
  const rank = (typeName: string): number => {
    const type = facts.types.get(typeName)!;
    if (type.isRoot) return typeName === 'Query' ? 2 : 3;
    return type.isEntity ? 0 : 1;
  };
  return facts
    .governedFields()
    .map((field, index) => ({ field, index, rank: rank(field.typeName) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ field }) => ({ coordinate: field.coordinate, department: facts.homeOf(field) }));
}

function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function resourceNameOf(typeName: string, fieldName: string): string {
  if (typeName === 'Query') return `Query: ${words(fieldName)}`;
  if (typeName === 'Mutation') return `Action: ${words(fieldName)}`;
  return `${typeName}: ${words(fieldName)}`;
}

/** Field definitions and enum values of the supergraph document, for types and formats. */
function definitionsOf(document: DocumentNode) {
  const fields = new Map<string, FieldDefinitionNode>();
  const kinds = new Map<string, string>();
  const enumValues = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name) continue;
    const name = definition.name.value;
    kinds.set(name, definition.kind);
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION)
      enumValues.set(
        name,
        (definition.values ?? []).map((v) => v.name.value),
      );
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) fields.set(`${name}.${field.name.value}`, field);
    }
  }
  return { fields, kinds, enumValues };
}

function formatOf(type: TypeNode, kinds: Map<string, string>, enumValues: Map<string, string[]>): string {
  if (type.kind === Kind.NON_NULL_TYPE) return formatOf(type.type, kinds, enumValues);
  if (type.kind === Kind.LIST_TYPE) return `list of ${formatOf(type.type, kinds, enumValues)}`;
  const name = type.name.value;
  if (SCALARS[name]) return SCALARS[name];
  switch (kinds.get(name)) {
    case Kind.ENUM_TYPE_DEFINITION:
      return `code: ${(enumValues.get(name) ?? []).join(' | ')}`;
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.UNION_TYPE_DEFINITION:
      return `record: ${name}`;
    default:
      return name;
  }
}

/** A field the policies in force do not cover (the supergraph changed since they loaded): denied, so listed as not shared. */
function uncoveredMetadata(coordinate: string, department: string, description: string | null): FieldCatalogEntry {
  return { coordinate, department, description: description ?? 'No policy covers this field yet.', sharing: 'none', sensitivity: 4, updateCycle: 'on-change' };
}

function byCoordinate(a: CatalogEntry, b: CatalogEntry): number {
  return a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0;
}

/** The entries one by one, in supergraph order: deciding who may read each is the costly part. */
function* catalogEntriesOf(source: CatalogSource): Generator<CatalogEntry> {
  const facts = readSupergraph(source.supergraphSdl);
  const { fields, kinds, enumValues } = definitionsOf(parse(source.supergraphSdl));
  const coded = catalogFieldsOf(facts);
  const codes = assignResourceCodes(source.codes, coded).codes;
  const metadata = new Map(source.policies.catalog().map((entry) => [entry.coordinate, entry]));
  const decider = source.decider ?? source.policies;
  const names: VocabularyNames = {
    roles: source.policies.roles,
    purposes: source.policies.purposes,
    // A hand-made policy set names no departments: the departments serving data stand in.
    departments: source.policies.departments ?? facts.departments,
  };
  const classes = allReaderClasses(names);
  const summaries = new Map<string, ReturnType<typeof describeReaders>>();
  for (const { coordinate, department } of coded) {
    const field = facts.field(coordinate)!;
    const definition = fields.get(coordinate);
    const covered = metadata.get(coordinate);
    const meta = covered ?? uncoveredMetadata(coordinate, department, field.description);
    const readers = covered ? describeReaders(decider, coordinate, names, classes, summaries) : { text: 'No one: no policy covers this field yet.', openToPublic: false };
    yield {
      coordinate,
      resourceName: resourceNameOf(field.typeName, field.fieldName),
      resourceCode: codes[coordinate],
      department: meta.department,
      description: meta.description,
      dataType: definition ? print(definition.type) : field.returns,
      format: definition ? formatOf(definition.type, kinds, enumValues) : field.returns,
      sharing: meta.sharing,
      sensitivity: meta.sensitivity,
      updateCycle: meta.updateCycle,
      openToPublic: readers.openToPublic,
      readers: readers.text,
    };
  }
}

/**
 * The data catalog: every field of the supergraph that policies govern, with its resource
 * code, provider, description, type, sharing type, sensitivity, update cycle and who may
 * read it, sorted by coordinate. Generated from the supergraph and the policies alone, so a
 * field a department adds appears once it is composed and covered. The catalog subgraph and
 * `govgraph catalog` both use this.
 */
export function buildCatalog(source: CatalogSource): CatalogEntry[] {
  return [...catalogEntriesOf(source)].sort(byCoordinate);
}

/** `buildCatalog`, yielding to the event loop between fields: a server keeps answering while it builds. */
export async function buildCatalogAsync(source: CatalogSource, fieldsPerTurn = 4): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  for (const entry of catalogEntriesOf(source)) {
    entries.push(entry);
    if (entries.length % fieldsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return entries.sort(byCoordinate);
}
