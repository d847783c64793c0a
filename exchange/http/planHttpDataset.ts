import path from 'node:path';
import type { DatasetSpec } from '../ExchangeSource';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './readOpenApi';
import { parseSelection } from './selectPath';

/** Where a call puts a value: a parameter of the operation, a property of its JSON body, or the body itself. */
export type Slot = { in: 'path' | 'query' | 'header'; name: string; explode: boolean } | { in: 'body'; name: string | null };

/** One operation with its slots filled: the key (or keys) in one, constants in the others. */
export interface BoundCall {
  operation: OpenApiOperation;
  keySlot: Slot;
  constants: readonly { slot: Slot; value: string }[];
  /** Steps into the answer to the record, or the list of records. */
  selection: readonly string[];
}

export interface BatchCall extends BoundCall {
  /** Steps into the answer to the keys the API says it has no record for; null: every key asked must be answered. */
  notFound: readonly string[] | null;
  /** Keys per call: the declaration's `maxKeys`, else the schema's `maxItems`, else 100. */
  maxKeys: number;
}

export interface HttpDatasetPlan {
  one: BoundCall;
  batch: BatchCall | null;
}

const DATASET_SETTINGS = ['operation', 'parameters', 'selection', 'batch'];
/** Settings every kind's dataset shares, which the core may pass along with ours. */
const COMMON_SETTINGS = ['key', 'columns', 'description', 'title'];
const BATCH_SETTINGS = ['operation', 'parameters', 'selection', 'notFound', 'maxKeys'];
const DEFAULT_MAX_KEYS = 100;

type Options = Readonly<Record<string, unknown>>;

/**
 * A dataset's http settings against the OpenAPI document: which operation answers one key
 * (`operation`, its key in the one required path or query parameter unless `parameters`
 * says `{ name: $key }`), which answers many (`batch`, the keys in its one array parameter or
 * body property unless `parameters` says `{ name: $keys }`), and where the records are in
 * the answer (`selection`). Every problem is returned, in plain words, for `exchange check`.
 */
export function planHttpDataset(dataset: DatasetSpec, document: OpenApiDocument): { plan: HttpDatasetPlan | null; problems: string[] } {
  const problems: string[] = [];
  const options = dataset.options;
  for (const name of Object.keys(options)) {
    if (!DATASET_SETTINGS.includes(name) && !COMMON_SETTINGS.includes(name))
      problems.push(`dataset ${dataset.name} has no http setting "${name}"; its settings are ${DATASET_SETTINGS.join(', ')}`);
  }
  if (document.problems.length > 0) return { plan: null, problems };
  const one = bind(options, '$key', document, problems, `dataset ${dataset.name}`);
  let batch: BatchCall | null = null;
  if (options.batch !== undefined) {
    const settings: Options | null = typeof options.batch === 'string' ? { operation: options.batch } : isRecord(options.batch) ? options.batch : null;
    if (!settings) problems.push(`dataset ${dataset.name}: batch must be an operationId or { operation, parameters, selection, notFound, maxKeys }`);
    else {
      for (const name of Object.keys(settings)) {
        if (!BATCH_SETTINGS.includes(name)) problems.push(`dataset ${dataset.name}: batch has no setting "${name}"; its settings are ${BATCH_SETTINGS.join(', ')}`);
      }
      const inherited = { ...settings, selection: settings.selection ?? options.selection };
      const bound = bind(inherited, '$keys', document, problems, `dataset ${dataset.name}, batch`);
      if (bound) {
        const declaredMax = settings.maxKeys;
        if (declaredMax !== undefined && !(Number.isInteger(declaredMax) && (declaredMax as number) > 0))
          problems.push(`dataset ${dataset.name}: batch maxKeys must be a positive integer`);
        const maxItems = arraySchemaOf(bound, document)?.maxItems;
        const notFound = settings.notFound;
        if (notFound !== undefined && typeof notFound !== 'string') problems.push(`dataset ${dataset.name}: batch notFound must be a dotted path into the answer`);
        batch = {
          ...bound,
          notFound: typeof notFound === 'string' ? parseSelection(notFound) : null,
          maxKeys: typeof declaredMax === 'number' && declaredMax > 0 ? declaredMax : typeof maxItems === 'number' && maxItems > 0 ? maxItems : DEFAULT_MAX_KEYS,
        };
      }
    }
  }
  return { plan: one && problems.length === 0 ? { one, batch } : null, problems };
}

function isRecord(value: unknown): value is Options {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Where the OpenAPI document declares an operation, for messages: `openapi.yaml:14`. */
export function operationAt(operation: OpenApiOperation, document: OpenApiDocument): string {
  return `${path.basename(document.file)}:${operation.line}`;
}

function bind(settings: Options, marker: '$key' | '$keys', document: OpenApiDocument, problems: string[], what: string): BoundCall | null {
  const operationId = settings.operation;
  if (typeof operationId !== 'string' || operationId === '') {
    problems.push(`${what} names no operation (operation: <operationId of ${path.basename(document.file)}>)`);
    return null;
  }
  const operation = document.operations.get(operationId);
  if (!operation) {
    const known = [...document.operations.keys()];
    problems.push(`${what}: operation ${operationId} is not in ${path.basename(document.file)}${known.length > 0 ? ` (its operations: ${known.join(', ')})` : ''}`);
    return null;
  }
  const at = `${operationId} (${operationAt(operation, document)})`;
  if (operation.securityProblem) problems.push(`${what}: ${at}: ${operation.securityProblem}`);
  if (settings.selection !== undefined && typeof settings.selection !== 'string') problems.push(`${what}: selection must be a dotted path into the answer, e.g. data.accounts`);
  const before = problems.length;

  const bodySchema = document.resolve(operation.requestBody?.schema);
  const bodyProperties = bodySchema?.properties ?? {};
  const slotNamed = (name: string): Slot | null => {
    const parameter = operation.parameters.find((candidate) => candidate.name === name && candidate.in !== 'cookie');
    if (parameter) return { in: parameter.in as 'path' | 'query' | 'header', name, explode: parameter.explode };
    return name in bodyProperties ? { in: 'body', name } : null;
  };

  let keySlot: Slot | null = null;
  const constants: { slot: Slot; value: string }[] = [];
  const declared = settings.parameters;
  if (declared !== undefined && !isRecord(declared))
    problems.push(`${what}: parameters must be a list of "name: value" lines (${marker} for the ${marker === '$key' ? 'key' : 'keys'})`);
  for (const [name, value] of Object.entries(isRecord(declared) ? declared : {})) {
    const slot = slotNamed(name);
    if (!slot) {
      problems.push(`${what}: ${at} has no parameter ${name}`);
      continue;
    }
    if (value === marker) keySlot = slot;
    else if (value === '$key' || value === '$keys') problems.push(`${what}: ${name}: ${value} here; this operation takes ${marker}`);
    else constants.push({ slot, value: String(value) });
  }
  const markerDeclared = Object.values(isRecord(declared) ? declared : {}).includes(marker);
  if (!markerDeclared) keySlot = impliedKeySlot(operation, marker, bodySchema, document);
  if (!keySlot && !markerDeclared) {
    problems.push(`${what}: cannot tell which parameter of ${at} takes the ${marker === '$key' ? 'key' : 'keys'}; declare parameters: { <name>: ${marker} }`);
  }
  for (const parameter of operation.parameters) {
    const filled = [keySlot, ...constants.map((constant) => constant.slot)].some((slot) => slot && slot.in === parameter.in && slot.name === parameter.name);
    if (parameter.required && !filled && parameter.in !== 'header') problems.push(`${what}: ${at} requires parameter ${parameter.name}, which the declaration does not fill`);
  }
  if (marker === '$keys' && keySlot && keySlot.in !== 'body' && keySlot.in !== 'path') {
    const parameter = operation.parameters.find((candidate) => candidate.name === keySlot.name);
    if (document.resolve(parameter?.schema)?.type !== 'array') problems.push(`${what}: ${at}: parameter ${keySlot.name} is not an array, so it cannot take many keys`);
  }
  if (problems.length > before || !keySlot) return null;
  return { operation, keySlot, constants, selection: parseSelection(typeof settings.selection === 'string' ? settings.selection : '') };
}

/**
 * The slot the key goes to when the declaration does not say: for one key, the only required
 * path or query parameter; for many, the only array query parameter, else a JSON body that is
 * an array or has exactly one array property.
 */
function impliedKeySlot(operation: OpenApiOperation, marker: '$key' | '$keys', bodySchema: JsonSchema | undefined, document: OpenApiDocument): Slot | null {
  if (marker === '$key') {
    const required = operation.parameters.filter((parameter) => parameter.required && (parameter.in === 'path' || parameter.in === 'query'));
    return required.length === 1 ? { in: required[0].in as 'path' | 'query', name: required[0].name, explode: required[0].explode } : null;
  }
  const arrays = operation.parameters.filter((parameter) => parameter.in === 'query' && document.resolve(parameter.schema)?.type === 'array');
  if (arrays.length === 1) return { in: 'query', name: arrays[0].name, explode: arrays[0].explode };
  if (!bodySchema) return null;
  if (bodySchema.type === 'array') return { in: 'body', name: null };
  const arrayProperties = Object.entries(bodySchema.properties ?? {}).filter(([, schema]) => document.resolve(schema)?.type === 'array');
  return arrayProperties.length === 1 ? { in: 'body', name: arrayProperties[0][0] } : null;
}

/** The array schema that receives a batch's keys, for its `maxItems`. */
function arraySchemaOf(call: BoundCall, document: OpenApiDocument): JsonSchema | undefined {
  const slot = call.keySlot;
  if (slot.in === 'body') {
    const body = document.resolve(call.operation.requestBody?.schema);
    return document.resolve(slot.name === null ? body : body?.properties?.[slot.name]);
  }
  return document.resolve(call.operation.parameters.find((parameter) => parameter.name === slot.name)?.schema);
}
