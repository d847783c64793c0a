import type { ColumnDescription } from './sql/describeTable';

export interface SqlScaffoldInput {
  department: string;
  /** The source URL as the declaration should say it (an `env:NAME`), never one with a password. */
  url: string;
  table: string;
  columns: readonly ColumnDescription[];
  /** The column holding residents' ID numbers: the key Person is looked up by. */
  key: string;
}

const INTEGER = /^(tinyint|smallint|mediumint|int|integer|bigint|int2|int4|int8|serial|bigserial)$/;
const DECIMAL = /^(decimal|numeric|float|double|double precision|real|float4|float8)$/;
const DATE = /^(date)$/;

/** `AAC008` → `aac008`, `REG_DATE` → `regDate`, `insured_since` → `insuredSince`. */
export function fieldNameOf(column: string): string {
  const words = column.split(/[_$]+/).filter(Boolean);
  const name = words.map((word, i) => (i === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase())).join('');
  return /^[A-Za-z_]/.test(name) ? name : `c${name}`;
}

/** `SI_INSURED` → `SiInsured`. */
function typeNameOf(table: string): string {
  const base = table.split('.').pop()!;
  const name = fieldNameOf(base);
  return name[0].toUpperCase() + name.slice(1);
}

/**
 * A starting declaration and SDL for one table: `Person` extended with the table's record (one,
 * looked up by `key`), one nullable field per other column, named after it, typed after the
 * column's type (numbers, dates as `format: date`, the rest text). Meant to be edited: rename
 * the fields, map the codes (`enum:`, `codes:`), drop what must not be shared.
 */
export function scaffoldSqlDeclaration(input: SqlScaffoldInput): { declaration: string; schema: string } {
  const type = typeNameOf(input.table);
  const relation = type[0].toLowerCase() + type.slice(1);
  const fields = input.columns.filter((column) => column.name !== input.key);
  const scalarOf = (column: ColumnDescription): string => (INTEGER.test(column.type) ? 'Int' : DECIMAL.test(column.type) ? 'Float' : 'String');
  const schema = scaffoldSchema(
    relation,
    type,
    { record: `in ${input.table}`, type: `of ${input.table}` },
    fields.map((column) => ({ description: `Column ${column.name} (${column.type}).`, field: fieldNameOf(column.name), scalar: scalarOf(column) })),
  );
  const declaration = [
    `# A starting declaration, written by \`govgraph exchange scaffold\` from ${input.table}'s own description:`,
    '# rename fields, map codes (enum:, codes:), remove what must not be shared; see docs/exchange.md.',
    `department: ${input.department}`,
    `title: TODO — who runs this system, in one line`,
    '',
    'source:',
    '  kind: sql',
    `  url: ${input.url}`,
    '',
    'datasets:',
    `  ${relation}:`,
    `    table: ${input.table}`,
    `    key: ${input.key}`,
    '',
    ...scaffoldTypes(
      relation,
      type,
      fields.map((column) => ({ column: column.name, date: DATE.test(column.type) })),
    ),
  ].join('\n');
  return { declaration, schema };
}

/**
 * The SDL of a scaffold: Person extended with one nullable record of `type` as `relation`, and
 * `type` with one nullable field per column. `origin` says where the record comes from, in the
 * descriptions of the relation (`in SI_INSURED`) and of the type (`of SI_INSURED`).
 */
export function scaffoldSchema(
  relation: string,
  type: string,
  origin: { record: string; type: string },
  fields: readonly { description: string; field: string; scalar: string }[],
): string {
  return [
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])',
    '',
    'type Person @key(fields: "idNumber") {',
    '  idNumber: ID!',
    `  "The resident's record ${origin.record}; null when there is none."`,
    `  ${relation}: ${type}`,
    '}',
    '',
    `"A record ${origin.type}. TODO: describe it, and each field."`,
    `type ${type} {`,
    ...fields.map(({ description, field, scalar }) => `  ${JSON.stringify(description)}\n  ${field}: ${scalar}`),
    '}',
    '',
  ].join('\n');
}

/**
 * The `types:` block of a scaffolded declaration: Person extended with one record of `relation`,
 * and `type` with one field per column (named after it, `format: date` where it holds dates).
 */
export function scaffoldTypes(relation: string, type: string, columns: readonly { column: string; date: boolean }[]): string[] {
  return [
    'types:',
    '  Person:',
    '    key: idNumber',
    '    fields:',
    `      ${relation}: { dataset: ${relation}, one: true }`,
    '',
    `  ${type}:`,
    '    fields:',
    ...columns.map(({ column, date }) => `      ${fieldNameOf(column)}: { column: ${column}${date ? ', format: date' : ''} }`),
    '',
  ];
}
