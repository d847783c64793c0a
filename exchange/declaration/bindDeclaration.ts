import path from 'node:path';
import type { DocumentNode } from 'graphql';
import type { DatasetSpec, ExchangeProblem } from '../ExchangeSource';
import { describeSdl, ROOT_TYPES, type SdlField, type SdlObjectType } from './describeSdl';
import type { ColumnField, ExchangeDeclaration, RecordsField, TypeMapping } from './ExchangeDeclaration';

/** The shared type standard-coded fields answer with (codes/codedValue.graphql). */
export const CODED_VALUE = 'CodedValue';
/** Types of an SDL that are not the department's records: paging, the shared coded value. */
const SHARED_TYPES = new Set(['PageInfo', CODED_VALUE]);
const SCALARS: Readonly<Record<string, ColumnField['type']>> = { String: 'string', ID: 'string', Int: 'integer', Float: 'number', Boolean: 'boolean' };

export type BoundField = (RecordsField & { sdl: SdlField }) | (ColumnField & { sdl: SdlField });

export interface BoundType {
  mapping: TypeMapping;
  sdl: SdlObjectType;
  /** The dataset whose records this type is built from; null for an entity the department extends by reference. */
  dataset: string | null;
  fields: readonly BoundField[];
}

/** A declaration bound to its SDL: what the adapter serves and what it asks of its source. */
export interface AdapterModel {
  declaration: ExchangeDeclaration;
  /** The department's folder (absolute), where its schema.graphql, exchange.yaml and any file they name are. */
  dir: string;
  /** Each dataset with every column the declaration reads from it, and where each is first read. */
  datasets: ReadonlyMap<string, DatasetSpec>;
  types: ReadonlyMap<string, BoundType>;
  /** Some field answers with the shared CodedValue type. */
  usesCodedValue: boolean;
}

/**
 * Checks a declaration against the department's SDL and binds them: every type and field it maps
 * exists; every field of those types is mapped (a field nobody maps would answer null forever);
 * columns answer scalars, enums (with `enum:`) or CodedValue (with `codes:`); records answer object
 * types built from one dataset; entities the department extends are named by their key.
 */
export function bindDeclaration(declaration: ExchangeDeclaration, typeDefs: DocumentNode, dir = '.'): { model: AdapterModel | null; problems: ExchangeProblem[] } {
  const sdl = describeSdl(typeDefs);
  const problems: ExchangeProblem[] = [];
  const report = (line: number, message: string): void => void problems.push({ file: declaration.file, line, message });
  const mapped = new Map(declaration.types.map((type) => [type.name, type]));
  const builtFrom = new Map<string, { dataset: string; line: number }>();
  const types = new Map<string, BoundType>();
  let usesCodedValue = false;

  // Which dataset each type's records come from: the dataset of every records field answering it.
  for (const type of declaration.types) {
    const sdlType = sdl.objects.get(type.name);
    for (const field of type.fields) {
      const target = sdlType?.fields.get(field.name)?.type;
      if (field.kind !== 'records' || !target) continue;
      const earlier = builtFrom.get(target);
      if (earlier && earlier.dataset !== field.dataset) {
        report(
          field.line,
          `${type.name}.${field.name} builds ${target} from dataset "${field.dataset}", but line ${earlier.line} builds it from "${earlier.dataset}"; a type is built from one dataset`,
        );
      } else builtFrom.set(target, { dataset: field.dataset, line: field.line });
    }
  }

  for (const type of declaration.types) {
    const sdlType = sdl.objects.get(type.name);
    if (!sdlType || ROOT_TYPES.has(type.name) || SHARED_TYPES.has(type.name)) {
      report(
        type.line,
        sdlType
          ? `${type.name} is not a type of records: declare the types its fields answer with`
          : `the schema has no type ${type.name}${nameHint(type.name, sdl.objects.keys())}`,
      );
      continue;
    }
    const isEntity = sdlType.keyFields.length > 0;
    const dataset = builtFrom.get(type.name)?.dataset ?? null;
    if (isEntity && !type.key)
      report(type.line, `${type.name} is an entity (@key ${sdlType.keyFields.join(' ')}): say which key the department knows it by, e.g. "key: ${sdlType.keyFields[0]}"`);
    if (type.key && !sdlType.keyFields.includes(type.key))
      report(type.line, `${type.name}: key "${type.key}" is not a @key field of the schema (${sdlType.keyFields.join(', ') || 'it has none'})`);
    if (!isEntity && !dataset) report(type.line, `${type.name} is not an entity and no field answers with it from a dataset ("dataset:"), so no record is ever built`);
    if (type.owner && !sdlType.fields.has(type.owner)) report(type.line, `${type.name}: owner "${type.owner}" is not a field of the schema`);

    const fields: BoundField[] = [];
    for (const field of type.fields) {
      const sdlField = sdlType.fields.get(field.name);
      if (!sdlField) {
        report(field.line, `the schema's ${type.name} has no field ${field.name}${nameHint(field.name, sdlType.fields.keys())}`);
        continue;
      }
      const where = `${type.name}.${field.name}`;
      if (field.kind === 'records') {
        const target = sdl.objects.get(sdlField.type);
        if (!target) report(field.line, `${where} answers ${sdlField.type}, not an object type: a column ("column:") answers a value`);
        else if (!mapped.has(sdlField.type)) report(field.line, `${where} answers ${sdlField.type}, which "types:" does not map`);
        if (field.one !== null && field.one === sdlField.list)
          report(field.line, `${where} says one: ${field.one}, but the schema answers ${sdlField.list ? 'a list' : 'one record'}`);
        if (isEntity && field.by) report(field.line, `${where}: "by" is for records reached from another record; an entity's records are looked up by its key`);
        if (!isEntity && !field.by) report(field.line, `${where}: say which column of the ${type.name} record holds the key of "${field.dataset}" ("by: COLUMN")`);
      } else {
        if (isEntity && !field.dataset)
          report(field.line, `${where}: an entity the department extends has no record of its own; say which dataset's record holds the column ("dataset:")`);
        if (!isEntity && field.dataset) report(field.line, `${where}: ${type.name} is built from its dataset's records, so its columns are theirs; drop "dataset:"`);
        if (sdlField.list) report(field.line, `${where} is a list; a column answers one value`);
        if (sdlField.nonNull)
          report(field.line, `${where} is non-null (${sdlField.type}!), but a value missing from the source or without a mapping answers null: make it nullable`);
        const scalar = SCALARS[sdlField.type];
        if (field.codes) {
          usesCodedValue = true;
          if (sdlField.type !== CODED_VALUE) report(field.line, `${where} maps codes, so it answers ${CODED_VALUE} ({ code name }), not ${sdlField.type}`);
        } else if (field.enum) {
          const values = sdl.enums.get(sdlField.type);
          if (!values) report(field.line, `${where} maps values to an enum, but answers ${sdlField.type}, which is not an enum of the schema`);
          else {
            for (const [legacy, value] of Object.entries(field.enum)) {
              if (!values.has(value)) report(field.line, `${where}: "${legacy}" maps to ${value}, which is not a value of ${sdlField.type} (${[...values].join(', ')})`);
            }
          }
        } else if (sdl.enums.has(sdlField.type)) {
          report(field.line, `${where} answers the enum ${sdlField.type}: map the source's values to it ("enum: { '1': ${[...sdl.enums.get(sdlField.type)!][0]} }")`);
        } else if (!scalar) {
          report(field.line, `${where} answers ${sdlField.type}; a column answers String, ID, Int, Float, Boolean, an enum (with "enum:") or ${CODED_VALUE} (with "codes:")`);
        }
        if (field.type && scalar && field.type !== scalar) report(field.line, `${where} says type: ${field.type}, but the schema answers ${sdlField.type} (${scalar})`);
        if (field.format === 'date' && sdlField.type !== 'String') report(field.line, `${where}: format date answers a String (YYYY-MM-DD), not ${sdlField.type}`);
      }
      fields.push({ ...field, sdl: sdlField } as BoundField);
    }
    // Every field of a mapped type is mapped: one left out would answer null to everyone, silently.
    for (const sdlField of sdlType.fields.values()) {
      if (sdlField.external || sdlType.keyFields.includes(sdlField.name) || type.fields.some((field) => field.name === sdlField.name)) continue;
      report(type.line, `${type.name}.${sdlField.name} is in the schema but the declaration does not say where it comes from`);
    }
    types.set(type.name, { mapping: type, sdl: sdlType, dataset, fields });
  }
  for (const sdlType of sdl.objects.values()) {
    if (ROOT_TYPES.has(sdlType.name) || SHARED_TYPES.has(sdlType.name) || mapped.has(sdlType.name)) continue;
    report(1, `the schema's type ${sdlType.name} is not under "types:"; declare where its fields come from`);
  }
  const query = sdl.objects.get('Query');
  for (const field of query?.fields.values() ?? []) {
    if (declaration.disclosures === 'department' && field.name === `${declaration.department}Disclosures`) continue;
    report(
      1,
      `Query.${field.name}: a declared department answers the entities it extends, not root fields of its own (only Query.${declaration.department}Disclosures, with "disclosures: department")`,
    );
  }

  const datasets = new Map<string, DatasetSpec>();
  for (const dataset of declaration.datasets.values()) {
    const columnLines: Record<string, number> = { [dataset.key]: dataset.keyLine };
    for (const bound of types.values()) {
      for (const field of bound.fields) {
        if (field.kind === 'column' && (field.dataset ?? bound.dataset) === dataset.name) columnLines[field.column] ??= field.line;
        if (field.kind === 'records' && field.by && bound.dataset === dataset.name) columnLines[field.by] ??= field.line;
      }
    }
    const listed = Array.isArray(dataset.options.columns) ? dataset.options.columns.filter((column): column is string => typeof column === 'string') : [];
    datasets.set(dataset.name, {
      name: dataset.name,
      file: declaration.file,
      line: dataset.line,
      key: dataset.key,
      columns: [...new Set([dataset.key, ...listed, ...Object.keys(columnLines)])],
      columnLines,
      options: dataset.options,
    });
    const readByEntity = declaration.types.some((type) => type.fields.some((field) => field.kind === 'column' && field.dataset === dataset.name));
    if (!readByEntity && ![...builtFrom.values()].some((built) => built.dataset === dataset.name))
      report(dataset.line, `dataset "${dataset.name}" is declared but no field reads it`);
  }

  return { model: problems.length ? null : { declaration, dir: path.resolve(dir), datasets, types, usesCodedValue }, problems };
}

function nameHint(name: string, known: Iterable<string>): string {
  const lower = name.toLowerCase();
  const close = [...known].find((candidate) => candidate.toLowerCase() === lower || candidate.toLowerCase().startsWith(lower) || lower.startsWith(candidate.toLowerCase()));
  return close ? ` (did you mean ${close}?)` : '';
}
