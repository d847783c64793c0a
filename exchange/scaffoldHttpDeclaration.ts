import type { DatasetSpec } from './ExchangeSource';
import { checkHttpDatasets } from './http/checkHttpDatasets';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './http/readOpenApi';
import { fieldNameOf, scaffoldSchema, scaffoldTypes } from './scaffoldSqlDeclaration';

export interface HttpScaffoldInput {
  department: string;
  document: OpenApiDocument;
  /** The operation that answers one resident's record, by the key in its path (or query). */
  operationId: string;
  /** The OpenAPI document as the declaration names it, relative to the department's folder. */
  openapi: string;
  /** The property of the records that holds the key; guessed when not given. */
  key?: string;
}

export interface HttpScaffold {
  declaration: string;
  schema: string;
  key: string;
  columns: string[];
  /** The operation found to answer many keys in one call, written as the dataset's batch; null when none was. */
  batch: string | null;
}

const SCALARS: Record<string, string> = { string: 'String', integer: 'Int', number: 'Float', boolean: 'Boolean' };
/** Where APIs commonly put the records of an answer, when it has more than one candidate. */
const RECORD_PROPERTIES = ['data', 'result', 'results', 'records', 'items'];
/** A property whose description says it holds a resident's ID number. */
const ID_NUMBER = /\bid[ -]?number\b|identity number|身份证|证件号码/i;
const DATE_TEXT = /\bYYYY-?MM-?DD\b/;

/** A problem that stops the scaffold, said in a way the person running it can act on. */
export class HttpScaffoldError extends Error {}

/**
 * A starting declaration and SDL for one operation of an OpenAPI document: `Person` extended
 * with the operation's record (looked up by the key in its one path or query parameter), one
 * nullable field per scalar property of the record, typed after the JSON schema's type; the
 * records are found at the answer's one object or list property (`selection`). An operation
 * that takes many keys in one call and answers the same records becomes the dataset's batch
 * when its answer also lists the keys it has no record for. Meant to be edited, as the sql
 * scaffold's: rename the fields, map the codes, drop what must not be shared.
 */
export function scaffoldHttpDeclaration(input: HttpScaffoldInput): HttpScaffold {
  const { document, department } = input;
  const operation = document.operations.get(input.operationId);
  if (!operation) throw new HttpScaffoldError(`operation ${input.operationId} is not in the document; its operations: ${[...document.operations.keys()].join(', ') || 'none'}`);
  const keyParameters = operation.parameters.filter((parameter) => parameter.required && (parameter.in === 'path' || parameter.in === 'query'));
  if (keyParameters.length !== 1) {
    throw new HttpScaffoldError(
      `${operation.operationId} (${operation.method} ${operation.path}) must take the key in one required path or query parameter; it has ${keyParameters.map((parameter) => parameter.name).join(', ') || 'none'}`,
    );
  }
  const { selection, record, typeName } = recordsOf(operation, document);
  const properties = Object.entries(propertiesOf(record, document));
  if (properties.length === 0) throw new HttpScaffoldError(`the answer of ${operation.operationId} describes no record properties to map`);
  const scalars = properties.filter(([, schema]) => SCALARS[document.resolve(schema)?.type ?? ''] !== undefined);
  const skipped = properties.filter(([, schema]) => SCALARS[document.resolve(schema)?.type ?? ''] === undefined).map(([name]) => name);
  const key = input.key ?? guessKey(keyParameters[0].name, scalars, document);
  if (!key || !scalars.some(([name]) => name === key)) {
    throw new HttpScaffoldError(`say which property of ${operation.operationId}'s records holds the key (--key PROPERTY); they have ${scalars.map(([name]) => name).join(', ')}`);
  }
  const columns = scalars.map(([name]) => name);
  const type = typeName ?? typeNameOf(operation.operationId);
  const relation = type[0].toLowerCase() + type.slice(1);
  const batch = batchOf(input, selection, key, columns);
  const health = [...document.operations.values()].find(
    (candidate) => candidate.method === 'GET' && !candidate.parameters.some((parameter) => parameter.required) && /health|ping|status/i.test(candidate.operationId),
  );
  const prefix = department.toUpperCase();
  const wantsKey = [...document.operations.values()].some((candidate) => candidate.credential !== null);
  const fields = scalars.filter(([name]) => name !== key);

  const schema = scaffoldSchema(
    relation,
    type,
    { record: `from ${operation.operationId}`, type: `answered by ${operation.operationId}` },
    fields.map(([name, schema]) => {
      const resolved = document.resolve(schema)!;
      return { description: oneLine(resolved.description) ?? `Property ${name} (${resolved.type}).`, field: fieldNameOf(name), scalar: SCALARS[resolved.type!] };
    }),
  );
  const declaration = [
    `# A starting declaration, written by \`govgraph exchange scaffold\` from ${input.openapi}'s ${operation.operationId}:`,
    '# rename fields, map codes (enum:, codes:), remove what must not be shared; see docs/exchange.md.',
    `department: ${department}`,
    'title: TODO — who runs this system, in one line',
    '',
    'source:',
    '  kind: http',
    `  openapi: ${input.openapi}`,
    `  baseUrl: env:${prefix}_API_URL`,
    ...(wantsKey ? [`  apiKey: env:${prefix}_API_KEY # sent as ${input.openapi}'s securitySchemes say; never write the key here`] : []),
    '  timeoutMs: 2000',
    ...(health ? [`  health: ${health.operationId}`] : ['  # health: <operationId> # an operation that answers 2xx when the API is up, for readiness']),
    '',
    'datasets:',
    `  ${relation}:`,
    `    operation: ${operation.operationId} # ${operation.method} ${operation.path}`,
    ...(batch
      ? [`    batch: { operation: ${batch.operation}, notFound: ${batch.notFound} } # many keys in one call`]
      : ['    # batch: { operation: <operationId>, notFound: <path> } # an operation answering many keys in one call']),
    ...(selection ? [`    selection: ${selection}`] : []),
    `    key: ${key}`,
    `    columns: [${columns.join(', ')}]`,
    ...(skipped.length > 0 ? [`    # not mapped (not a scalar): ${skipped.join(', ')}`] : []),
    '',
    ...scaffoldTypes(
      relation,
      type,
      fields.map(([name, schema]) => ({ column: name, date: isDate(document.resolve(schema)!) })),
    ),
  ].join('\n');
  return { declaration, schema, key, columns, batch: batch?.operation ?? null };
}

/** Where the records are in the answer: the answer itself (an object or a list), or its one object or list property. */
function recordsOf(operation: OpenApiOperation, document: OpenApiDocument): { selection: string; record: JsonSchema | undefined; typeName: string | null } {
  const answer = document.resolve(operation.responseSchema);
  if (answer?.type === 'array') return { selection: '', record: document.resolve(answer.items), typeName: refName(answer.items) };
  const properties = Object.entries(propertiesOf(answer, document));
  const holders = properties.filter(([, schema]) => Object.keys(propertiesOf(recordSchema(schema, document), document)).length > 0);
  const chosen = holders.length === 1 ? holders[0] : holders.find(([name]) => RECORD_PROPERTIES.includes(name));
  if (!chosen) return { selection: '', record: answer, typeName: refName(operation.responseSchema) };
  const written = document.resolve(chosen[1])?.type === 'array' ? document.resolve(chosen[1])!.items : chosen[1];
  return { selection: chosen[0], record: document.resolve(written), typeName: refName(written) };
}

function recordSchema(schema: JsonSchema | undefined, document: OpenApiDocument): JsonSchema | undefined {
  const resolved = document.resolve(schema);
  return resolved?.type === 'array' ? document.resolve(resolved.items) : resolved;
}

function propertiesOf(schema: JsonSchema | undefined, document: OpenApiDocument): Record<string, JsonSchema> {
  const resolved = document.resolve(schema);
  if (!resolved) return {};
  return Object.assign({}, resolved.properties, ...(resolved.allOf ?? []).map((part) => propertiesOf(part, document)));
}

/** `#/components/schemas/Account` → `Account`. */
function refName(schema: JsonSchema | undefined): string | null {
  const name = schema?.$ref?.split('/').pop();
  return name && /^[A-Za-z][A-Za-z0-9_]*$/.test(name) ? name[0].toUpperCase() + name.slice(1) : null;
}

/** `getAccount` → `Account`. */
function typeNameOf(operationId: string): string {
  const name = fieldNameOf(operationId.replace(/^(get|read|find|fetch|show)(?=[A-Z_])/, '')).replace(/[^A-Za-z0-9_]/g, '');
  return name[0].toUpperCase() + name.slice(1);
}

/** The property named as the key parameter, else the one property whose description says it holds an ID number. */
function guessKey(parameter: string, scalars: readonly [string, JsonSchema][], document: OpenApiDocument): string | undefined {
  if (scalars.some(([name]) => name === parameter)) return parameter;
  const described = scalars.filter(([, schema]) => ID_NUMBER.test(document.resolve(schema)?.description ?? ''));
  return described.length === 1 ? described[0][0] : undefined;
}

/** Another operation that takes many keys and answers the same records, with the keys it has none for at one list property. */
function batchOf(input: HttpScaffoldInput, selection: string, key: string, columns: readonly string[]): { operation: string; notFound: string } | null {
  const { document } = input;
  for (const candidate of document.operations.values()) {
    if (candidate.operationId === input.operationId) continue;
    const answer = propertiesOf(candidate.responseSchema, document);
    const notFound = Object.entries(answer).find(
      ([name, schema]) => name !== selection && document.resolve(schema)?.type === 'array' && document.resolve(document.resolve(schema)!.items)?.type === 'string',
    )?.[0];
    if (!notFound) continue;
    const dataset: DatasetSpec = {
      name: 'scaffold',
      file: input.openapi,
      line: 1,
      key,
      columns,
      options: { operation: input.operationId, batch: { operation: candidate.operationId, notFound }, ...(selection && { selection }) },
    };
    if (checkHttpDatasets([dataset], document, { file: input.openapi, line: 1 }).length === 0) return { operation: candidate.operationId, notFound };
  }
  return null;
}

function isDate(schema: JsonSchema): boolean {
  return schema.type === 'string' && (schema.format === 'date' || DATE_TEXT.test(schema.description ?? ''));
}

function oneLine(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  return line ? line : undefined;
}
