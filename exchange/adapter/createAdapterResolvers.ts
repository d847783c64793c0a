import DataLoader from 'dataloader';
import { legacyText, mapLegacyValue, unmappedCodeError } from '../../codes';
import { CODES, requestError, type DepartmentContext } from '../../subgraphs/kit';
import type { AdapterModel, BoundField, BoundType } from '../declaration/bindDeclaration';
import type { ColumnField, RecordsField } from '../declaration/ExchangeDeclaration';
import type { DatasetSpec, SourceRecord } from '../ExchangeSource';
import type { AdapterLoaders, AdapterServices } from './AdapterServices';
import { convertValue } from './convertValue';

type AdapterContext = DepartmentContext<unknown, AdapterLoaders, AdapterServices>;
type Resolver = (parent: any, args: unknown, context: AdapterContext) => unknown;

/** A DataLoader's batch, at most: the source gets one lookup (one `WHERE key IN`, one API call) per batch. */
const MAX_BATCH = 500;

/**
 * The resolvers of a declared department, generated from its declaration: an entity it extends
 * resolves its reference as given (any key is a valid reference: a person without records has
 * none); a records field asks the request's DataLoader of its dataset, so that all the keys of a
 * request's level go to the source in one lookup; a column field converts and maps the record's value.
 */
export function createAdapterResolvers(model: AdapterModel): Record<string, Record<string, Resolver>> {
  const department = model.declaration.department;
  const resolvers: Record<string, Record<string, Resolver>> = {};
  for (const type of model.types.values()) {
    const own: Record<string, Resolver> = {};
    if (type.sdl.keyFields.length > 0) own.__resolveReference = (reference: Record<string, unknown>) => reference;
    for (const field of type.fields) {
      const coordinate = `${type.mapping.name}.${field.name}`;
      if (field.kind === 'records') own[field.name] = recordsResolver(model, type, field, coordinate);
      else if (field.dataset === null) own[field.name] = columnResolver(department, field, coordinate);
      else own[field.name] = entityColumnResolver(model, type, field, coordinate);
    }
    resolvers[type.mapping.name] = own;
  }
  return resolvers;
}

function recordsResolver(model: AdapterModel, type: BoundType, field: RecordsField & BoundField, coordinate: string): Resolver {
  const dataset = model.datasets.get(field.dataset)!;
  const keyOf = field.by ?? type.mapping.key!;
  return async (parent: Record<string, unknown>, _args, context) => {
    const records = await recordsOf(model.declaration.department, dataset, parent[keyOf], context, coordinate);
    return field.sdl.list ? records : (records[0] ?? null);
  };
}

/** A column of the first record of a dataset for an entity's key (`Person.maritalStatus`). */
function entityColumnResolver(model: AdapterModel, type: BoundType, field: ColumnField & BoundField, coordinate: string): Resolver {
  const dataset = model.datasets.get(field.dataset!)!;
  const column = columnResolver(model.declaration.department, field, coordinate);
  return async (parent: Record<string, unknown>, args, context) => {
    const [record] = await recordsOf(model.declaration.department, dataset, parent[type.mapping.key!], context, coordinate);
    return record === undefined ? null : column(record, args, context);
  };
}

/** The records of `dataset` for one key, through the request's loader; SOURCE_UNAVAILABLE when the source fails. */
async function recordsOf(department: string, dataset: DatasetSpec, keyValue: unknown, context: AdapterContext, coordinate: string): Promise<SourceRecord[]> {
  const key = legacyText(keyValue);
  if (key === null) return [];
  try {
    return await loaderOf(context, dataset).load(key);
  } catch (error) {
    // The why goes to the log (it may name the source's host); the reader learns whose source failed.
    context.services.log.warn({ field: coordinate, dataset: dataset.name, err: { message: (error as Error).message } }, 'exchange source failed');
    throw requestError(CODES.SOURCE_UNAVAILABLE, `${department}: its source system did not answer, so ${coordinate} is unavailable`, { department, field: coordinate });
  }
}

/** The request's loader of one dataset, made on first use: `source.lookup` once per batch of keys. */
function loaderOf(context: AdapterContext, dataset: DatasetSpec): DataLoader<string, SourceRecord[]> {
  let loader = context.loaders.get(dataset.name);
  if (!loader) {
    const source = context.services.source;
    loader = new DataLoader<string, SourceRecord[]>(
      async (keys) => {
        const byKey = await source.lookup(dataset, keys);
        return keys.map((key) => byKey.get(key) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    );
    context.loaders.set(dataset.name, loader);
  }
  return loader;
}

function columnResolver(department: string, field: ColumnField & BoundField, coordinate: string): Resolver {
  return (record: SourceRecord, _args, context) => {
    const value = record[field.column];
    if (legacyText(value) === null && !(value instanceof Date) && typeof value !== 'boolean') return null;
    if (field.codes || field.enum) {
      const mapped = field.codes ? mapLegacyValue(field.codes, value) : (field.enum![legacyText(value)!] ?? null);
      if (mapped !== null) return mapped;
      // Never passed through: the reader gets null and whose value it was, the officers a count.
      context.services.unmappedCodes++;
      throw unmappedCodeError({ department, field: coordinate, value });
    }
    const converted = convertValue(value, field.sdl.type, field.format);
    if (converted !== undefined) return converted;
    throw requestError(CODES.INVALID_SOURCE_VALUE, `${department}: ${coordinate} holds a value that is not ${field.format === 'date' ? 'a date' : `a ${field.sdl.type}`}`, {
      department,
      field: coordinate,
    });
  };
}
