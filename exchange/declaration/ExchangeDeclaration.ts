import type { LegacyMapping } from '../../codes';

/** The kinds of source a department may keep: a database, a REST/JSON API, files dropped for exchange. */
export const SOURCE_KINDS = ['sql', 'http', 'files'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * A department's `exchange.yaml`, read: the system it keeps (`source`), what that system holds
 * (`datasets`) and how the records become the types and fields of its SDL (`types`). Every part
 * keeps its line, so a problem found later (against the SDL, against the source) names it.
 */
export interface ExchangeDeclaration {
  file: string;
  department: string;
  title: string;
  source: SourceDeclaration;
  datasets: ReadonlyMap<string, DatasetDeclaration>;
  types: readonly TypeMapping[];
  /** `department`: it serves its disclosure log through the graph (`Query.<name>Disclosures`). */
  disclosures: 'department' | null;
}

export interface SourceDeclaration {
  kind: SourceKind;
  line: number;
  /** The block as written (`kind`, `url`, `default`, and the kind's own settings). */
  settings: Readonly<Record<string, unknown>>;
}

/** A dataset as written; its columns are known once the types are bound to the SDL (`bindDeclaration`). */
export interface DatasetDeclaration {
  name: string;
  line: number;
  key: string;
  keyLine: number;
  /** Its other settings as written (the kind's: `table`, `operation`, `inbox`, `columns`…). */
  options: Readonly<Record<string, unknown>>;
}

/** One type of the department's SDL and where its fields come from. */
export interface TypeMapping {
  name: string;
  line: number;
  /** An entity the department extends: its key field in the SDL (`idNumber`); null for the department's own value types. */
  key: string | null;
  /** The field of a record of this type that holds its citizen's ID number (`self` rules); Person: its key. */
  owner: string | null;
  fields: readonly FieldMapping[];
}

export type FieldMapping = RecordsField | ColumnField;

/** A field answered with the records of a dataset whose key is this record's key (or its column `by`). */
export interface RecordsField {
  kind: 'records';
  name: string;
  line: number;
  dataset: string;
  /** The column of the parent record holding the key to look up; null: the parent entity's key. */
  by: string | null;
  /** As written (`one: true`); the SDL decides, a contradiction is a problem. */
  one: boolean | null;
}

/**
 * A field answered with one column of the record, converted and mapped as declared. On an entity
 * the department extends, the record is the first of `dataset` whose key is the entity's
 * (`Person.maritalStatus: { dataset: marriages, column: HYZK, codes: … }`); elsewhere, the record
 * the type is built from.
 */
export interface ColumnField {
  kind: 'column';
  name: string;
  line: number;
  /** On an entity: the dataset whose record holds the column; null on a type built from a dataset. */
  dataset: string | null;
  column: string;
  /** `date`: YYYYMMDD, YYYY-MM-DD or a database date → YYYY-MM-DD. */
  format: 'date' | null;
  /** As written; the SDL's scalar decides, a contradiction is a problem. */
  type: 'string' | 'number' | 'integer' | 'boolean' | null;
  /** Legacy value → enum value of the SDL; a value not listed is never passed through (UNMAPPED_CODE). */
  enum: Readonly<Record<string, string>> | null;
  /** Legacy value → national standard code (answers CodedValue); unmapped: UNMAPPED_CODE. */
  codes: LegacyMapping | null;
}
