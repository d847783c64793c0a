import { isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import type { ExchangeProblem } from '../ExchangeSource';
import { SOURCE_KINDS, type ColumnField, type DatasetDeclaration, type ExchangeDeclaration, type FieldMapping, type RecordsField, type TypeMapping } from './ExchangeDeclaration';

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const graphqlName = z.string().regex(NAME, 'must be a GraphQL name (letters, digits and _)');
const text = z.string().trim().min(1, 'must be a text');

const declarationShape = z.strictObject({
  department: z.string().regex(/^[a-z][a-z0-9]*$/, 'must be lower-case letters and digits (the subgraph name)'),
  title: text,
  source: z.looseObject({ kind: z.enum(SOURCE_KINDS) }),
  datasets: z.record(z.string().regex(NAME, 'a dataset name is letters, digits and _'), z.looseObject({ key: text })),
  types: z.record(graphqlName, z.strictObject({ key: graphqlName.optional(), owner: graphqlName.optional(), fields: z.record(graphqlName, z.record(z.string(), z.unknown())) })),
  disclosures: z.literal('department').optional(),
});

const recordsShape = z.strictObject({ dataset: text, by: text.optional(), one: z.boolean().optional() });
const columnShape = z.strictObject({
  column: text,
  dataset: text.optional(),
  one: z.boolean().optional(),
  format: z.literal('date').optional(),
  type: z.enum(['string', 'number', 'integer', 'boolean']).optional(),
  enum: z.record(z.string(), graphqlName).optional(),
  codes: z.strictObject({ table: text, values: z.record(z.string(), z.coerce.string()).optional() }).optional(),
});

type Path = readonly (string | number)[];

/**
 * Reads `exchange.yaml` into a declaration, or every problem it has with its line: YAML that
 * does not parse, settings misspelt or missing, a field that is neither a column nor records of a
 * dataset, a dataset nobody declared. Names are checked against the SDL later (`bindDeclaration`),
 * and the source's own settings by the source.
 */
export function parseDeclaration(file: string, yamlText: string): { declaration: ExchangeDeclaration | null; problems: ExchangeProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, uniqueKeys: true });
  const problems: ExchangeProblem[] = [];
  const report = (line: number, message: string): void => void problems.push({ file, line, message });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const what = error.code === 'DUPLICATE_KEY' ? 'the same name is written twice in one place' : error.message.split(' at line ')[0];
      report(error.linePos?.[0].line ?? 1, `the file does not parse as YAML: ${what}`);
    }
    return { declaration: null, problems };
  }

  const lineOf = (node: Node | null | undefined): number => (node?.range ? lines.linePos(node.range[0]).line : 1);
  /** The line of the key at `path` (the value's when it has no key), climbing to the nearest part that exists. */
  const lineAt = (path: Path): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = depth === 1 ? doc.contents : (doc.getIn(path.slice(0, depth - 1), true) as Node | undefined);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(path[depth - 1]));
        if (pair) return lineOf(pair.key as Node);
      }
    }
    return lineOf(doc.contents as Node | null);
  };
  const where = (path: Path): string => (path.length ? path.join('.') : 'the declaration');
  const reportIssues = (issues: readonly z.core.$ZodIssue[], base: Path): void => {
    for (const issue of issues) {
      const path = [...base, ...(issue.path as (string | number)[])];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) report(lineAt([...path, key]), `${where(path)} has no setting "${key}"`);
      } else if (issue.code === 'invalid_type' && issue.input === undefined) {
        report(lineAt(path), `${where(path.slice(0, -1))} needs "${String(path[path.length - 1])}"`);
      } else {
        report(lineAt(path), `${where(path)}: ${issue.message}`);
      }
    }
  };

  const raw: unknown = doc.toJS();
  const parsed = declarationShape.safeParse(raw ?? {});
  if (!parsed.success) {
    reportIssues(parsed.error.issues, []);
    return { declaration: null, problems };
  }
  const written = parsed.data;

  const types: TypeMapping[] = [];
  for (const [typeName, type] of Object.entries(written.types)) {
    const fields: FieldMapping[] = [];
    for (const [fieldName, value] of Object.entries(type.fields)) {
      const path = ['types', typeName, 'fields', fieldName];
      const line = lineAt(path);
      if ('dataset' in value && !('column' in value)) {
        const field = recordsShape.safeParse(value);
        if (!field.success) reportIssues(field.error.issues, path);
        else fields.push({ kind: 'records', name: fieldName, line, dataset: field.data.dataset, by: field.data.by ?? null, one: field.data.one ?? null } satisfies RecordsField);
      } else if ('column' in value) {
        const field = columnShape.safeParse(value);
        if (!field.success) reportIssues(field.error.issues, path);
        else {
          const { column, format, type: scalar, enum: values, codes, dataset, one } = field.data;
          if (values && codes) report(line, `${typeName}.${fieldName}: "enum" and "codes" both map its values; keep one`);
          if (one === false) report(line, `${typeName}.${fieldName}: a column answers one value, of one record ("one: true" or nothing)`);
          fields.push({
            kind: 'column',
            name: fieldName,
            line,
            dataset: dataset ?? null,
            column,
            format: format ?? null,
            type: scalar ?? null,
            enum: values ?? null,
            codes: codes ? { table: codes.table as never, ...(codes.values && { values: codes.values }) } : null,
          } satisfies ColumnField);
        }
      } else {
        report(line, `${typeName}.${fieldName} says neither "column:" (a value of the record) nor "dataset:" (records of a dataset)`);
      }
    }
    types.push({ name: typeName, line: lineAt(['types', typeName]), key: type.key ?? null, owner: type.owner ?? (typeName === 'Person' ? (type.key ?? null) : null), fields });
  }

  const datasets = new Map<string, DatasetDeclaration>();
  for (const [name, { key, ...options }] of Object.entries(written.datasets)) {
    datasets.set(name, { name, line: lineAt(['datasets', name]), key, keyLine: lineAt(['datasets', name, 'key']), options });
  }
  for (const type of types) {
    for (const field of type.fields) {
      if (field.dataset !== null && !datasets.has(field.dataset)) {
        report(
          field.line,
          `${type.name}.${field.name} reads dataset "${field.dataset}", which "datasets:" does not declare (it declares ${[...datasets.keys()].join(', ') || 'none'})`,
        );
      }
    }
  }

  return {
    declaration: problems.length
      ? null
      : {
          file,
          department: written.department,
          title: written.title,
          source: { kind: written.source.kind, line: lineAt(['source']), settings: written.source },
          datasets,
          types,
          disclosures: written.disclosures ?? null,
        },
    problems,
  };
}
