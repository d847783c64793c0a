import { Document, type Scalar, type YAMLMap } from 'yaml';
import { PLATFORM_DEPARTMENT, VOCABULARY_FILE } from './model';
import { DEPARTMENT_NAME } from './parseVocabulary';
import type { PolicyFileText } from './readPolicyDir';
import { readSupergraph, type SupergraphField, type SupergraphType } from './readSupergraph';

/**
 * The description `scaffoldPolicies` gives every field whose SDL has none. The checker
 * accepts it (a field must have a description), and `policy check` names every field that
 * still carries it (`placeholderDescriptions`) until an officer writes the real one.
 */
export const SCAFFOLD_DESCRIPTION = 'TODO: say what this field holds (shown in the data catalog)';

export interface ScaffoldOptions {
  /** Every field public (anyone, anonymous callers included) instead of denied to everyone. */
  allowPublic?: boolean;
}

/** What a scaffolded field starts with: no one reads it, or (`allowPublic`) everyone does. */
const DENIED = { sharing: 'none', sensitivity: 3, updateCycle: 'on-change', read: [] as object[] };
const PUBLIC = { sharing: 'unconditional', sensitivity: 1, updateCycle: 'on-change', read: [{ public: true }] };

const HOW_TO_FILL_IN = [
  'To fill it in (the format: policies/README.md in govgraph; the guide: docs/running-any-graph.md):',
  `- replace each "${SCAFFOLD_DESCRIPTION}" with what the field holds`,
  '  (`govgraph policy check` lists the fields that still have it);',
  "- set sharing, sensitivity and updateCycle in each type's defaults, or per field;",
  '- list who may read each field under its `read:` (`read: []` means no one).',
];

/**
 * A starting policy folder for a supergraph: `vocabulary.yaml` declaring its subgraphs as
 * departments (no roles, no purposes yet), one `<subgraph>.yaml` with one rule per field the
 * subgraph covers, and `platform.yaml` when the graph has shared structural types. Every
 * field is denied (`read: []`; `sharing: none`, sensitivity 3), or with `allowPublic` public
 * (`sharing: unconditional`, sensitivity 1). A field whose SDL has a description keeps it;
 * the others get `SCAFFOLD_DESCRIPTION`. The files pass `policy check` as written: with every
 * field denied, or every field public, no reader can be denied a non-null field while reading
 * its neighbours; each non-null field carries a comment saying what to keep in step when
 * access is opened. Throws when a subgraph's name cannot name a department.
 */
export function scaffoldPolicies(supergraphSdl: string, { allowPublic = false }: ScaffoldOptions = {}): PolicyFileText[] {
  const facts = readSupergraph(supergraphSdl);
  for (const name of facts.departments) {
    if (!DEPARTMENT_NAME.test(name) || name === PLATFORM_DEPARTMENT || `${name}.yaml` === VOCABULARY_FILE) {
      throw new Error(
        `The subgraph "${name}" cannot be a department of the policies: a department's name starts with a letter and holds only letters, digits, "-" and "_", and is neither "${PLATFORM_DEPARTMENT}" nor "${VOCABULARY_FILE.replace(/\.yaml$/, '')}". Rename the subgraph and compose the supergraph again.`,
      );
    }
  }
  // Each field in the file of the department that must cover it, types and fields in supergraph order.
  const byFile = new Map<string, Map<SupergraphType, SupergraphField[]>>();
  for (const field of facts.governedFields()) {
    const home = facts.homeOf(field);
    const types = byFile.get(home) ?? byFile.set(home, new Map()).get(home)!;
    const type = facts.types.get(field.typeName)!;
    types.set(type, [...(types.get(type) ?? []), field]);
  }
  const files: PolicyFileText[] = [{ file: VOCABULARY_FILE, text: vocabularyText(facts.departments) }];
  for (const [department, types] of byFile) files.push({ file: `${department}.yaml`, text: departmentText(department, types, allowPublic) });
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function vocabularyText(departments: readonly string[]): string {
  const doc = new Document({ roles: {}, purposes: {}, departments: Object.fromEntries(departments.map((name) => [name, `Serves the ${name} subgraph.`])) });
  doc.commentBefore = [
    ' The names the policy files may use, each with a one-line description.',
    " roles: the values of the `roles` claim of callers' tokens, e.g.",
    '   analyst: Reads order statistics.',
    ' purposes: the values a caller may send in the X-Purpose header, e.g.',
    "   support: Answering a customer's question about their order.",
    ' departments: the subgraphs of the graph (one policy file each), and the `dept`',
    '   claims of callers who only read.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

function departmentText(department: string, types: Map<SupergraphType, SupergraphField[]>, allowPublic: boolean): string {
  const start = allowPublic ? PUBLIC : DENIED;
  const { read, ...defaults } = start;
  const content = {
    department,
    types: Object.fromEntries(
      [...types].map(([type, fields]) => [
        type.name,
        { defaults, fields: Object.fromEntries(fields.map((field) => [field.fieldName, { ...(field.description ? {} : { description: SCAFFOLD_DESCRIPTION }), read }])) },
      ]),
    ),
  };
  const doc = new Document(content, { aliasDuplicateObjects: false });
  const whose = department === PLATFORM_DEPARTMENT ? 'the structural types several subgraphs share (connections, edges, shared value types)' : `the ${department} subgraph`;
  doc.commentBefore = [
    ` The rules for ${whose}, written by \`govgraph policy scaffold\`.`,
    allowPublic ? ' Every field is PUBLIC: anyone, anonymous callers included, reads it (`public: true`).' : ' Every field is DENIED to everyone (`read: []`) until you grant it.',
    ...HOW_TO_FILL_IN.map((line) => ` ${line}`),
  ].join('\n');
  [...types].forEach(([type, fields], i) => {
    if (i > 0) ((doc.get('types', true) as YAMLMap).items[i].key as Scalar).spaceBefore = true;
    const fieldNodes = (doc.getIn(['types', type.name, 'fields'], true) as YAMLMap).items;
    fields.forEach((field, j) => {
      const note = nonNullNote(type, field);
      if (note) (fieldNodes[j].key as Scalar).commentBefore = ` ${note}`;
    });
  });
  return doc.toString({ lineWidth: 0 });
}

/**
 * GraphQL answers a denied non-null field by nulling what holds it; `policy check` reports a
 * non-null field denied to a reader who may read its neighbours. Keys, mutations and
 * subscriptions are exempt there, so they get no note here.
 */
function nonNullNote(type: SupergraphType, field: SupergraphField): string | null {
  if (!field.nonNull || field.isKey || type.name === 'Mutation' || type.name === 'Subscription') return null;
  const holder = type.isRoot ? 'the whole response' : `the whole ${type.name}`;
  return `non-null in the schema: grant it to whoever may read other ${type.isRoot ? 'root' : type.name} fields (denied, it would null ${holder}), or make it nullable`;
}
