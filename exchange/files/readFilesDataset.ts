import type { DatasetSpec } from '../ExchangeSource';

export type ColumnType = 'string' | 'number' | 'date';
export type FileFormat = 'csv' | 'json';
/** The encodings government exports come in; anything else is refused when the declaration is read. */
export type FileEncoding = 'utf-8' | 'gbk' | 'gb18030';

/** What a value of one column must be. A column without a rule is an optional string. */
export interface ColumnRule {
  type: ColumnType;
  required: boolean;
  /** In characters (code points), not bytes: a GBK export counts a Chinese character as one. */
  maxLength: number | null;
}

/** A dataset of the files source, its declaration read and checked. */
export interface FilesDataset {
  spec: DatasetSpec;
  name: string;
  key: string;
  /** What a record keeps: the declared columns, the key and the validated ones. Other columns of the file are not stored. */
  columns: readonly string[];
  rules: ReadonlyMap<string, ColumnRule>;
  format: FileFormat;
  encoding: FileEncoding;
  delimiter: string;
  /** A file with a larger share of bad rows is refused whole. */
  maxBadShare: number;
  /** One record per key (a snapshot keyed by the entity); a second row with the same key is quarantined. */
  unique: boolean;
  /** The file names that belong to this dataset (`files:` glob). */
  files: RegExp;
}

/** Settings a dataset inherits from the `source:` block when it does not set them. */
export interface DatasetDefaults {
  format?: unknown;
  encoding?: unknown;
}

export const DEFAULT_MAX_BAD_SHARE = 0.1;

const ENCODINGS: Readonly<Record<string, FileEncoding>> = { 'utf-8': 'utf-8', utf8: 'utf-8', gbk: 'gbk', cp936: 'gbk', gb18030: 'gb18030' };
const TYPES: readonly ColumnType[] = ['string', 'number', 'date'];
/** Options the files source reads; `key` and `columns` are the declaration's own, tolerated if passed along. */
const OPTIONS = new Set(['format', 'encoding', 'delimiter', 'maxBadShare', 'files', 'unique', 'validate', 'key', 'columns', 'title', 'description']);

/**
 * Reads a dataset's files settings. Problems are sentences without the file and line (the
 * caller adds the dataset's); with any problem there is no dataset, so a declaration that
 * does not say what it means is never half applied.
 */
export function readFilesDataset(spec: DatasetSpec, defaults: DatasetDefaults, onlyDataset: boolean): { dataset: FilesDataset | null; problems: string[] } {
  const problems: string[] = [];
  const o = spec.options;
  const where = `dataset ${spec.name}`;
  for (const name of Object.keys(o)) if (!OPTIONS.has(name)) problems.push(`${where}: unknown option '${name}' for a files source (known: ${[...OPTIONS].slice(0, 7).join(', ')})`);

  const format = o.format ?? defaults.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') problems.push(`${where}: format must be csv or json, not ${JSON.stringify(format)}`);
  const encodingName = String(o.encoding ?? defaults.encoding ?? 'utf-8').toLowerCase();
  const encoding = ENCODINGS[encodingName];
  if (!encoding) problems.push(`${where}: encoding must be utf-8, gbk or gb18030, not ${JSON.stringify(o.encoding ?? defaults.encoding)}`);
  const delimiter = o.delimiter ?? ',';
  if (typeof delimiter !== 'string' || [...delimiter].length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    problems.push(`${where}: delimiter must be one character other than a quote or a line break`);
  }
  const maxBadShare = o.maxBadShare ?? DEFAULT_MAX_BAD_SHARE;
  if (typeof maxBadShare !== 'number' || !(maxBadShare >= 0 && maxBadShare <= 1)) problems.push(`${where}: maxBadShare must be a number from 0 to 1`);
  const unique = o.unique ?? true;
  if (typeof unique !== 'boolean') problems.push(`${where}: unique must be true or false`);
  const files = o.files ?? (onlyDataset ? '*' : `${spec.name}*`);
  if (typeof files !== 'string' || files.length === 0 || /[/\\]/.test(files)) problems.push(`${where}: files must be a file-name pattern (* and ?), without a folder`);

  const rules = new Map<string, ColumnRule>();
  const validate = o.validate ?? {};
  if (typeof validate !== 'object' || validate === null || Array.isArray(validate)) problems.push(`${where}: validate must map column names to rules`);
  else
    for (const [column, written] of Object.entries(validate)) {
      const rule = readRule(written);
      if (typeof rule === 'string') problems.push(`${where}: validate.${column}: ${rule}`);
      else rules.set(column, rule);
    }
  const key = rules.get(spec.key);
  rules.set(spec.key, { type: 'string', maxLength: null, ...key, required: true });
  if (key && key.type !== 'string') problems.push(`${where}: the key column ${spec.key} is matched as text; declare it a string`);

  if (problems.length > 0) return { dataset: null, problems };
  return {
    dataset: {
      spec,
      name: spec.name,
      key: spec.key,
      columns: [...new Set([spec.key, ...spec.columns, ...rules.keys()])],
      rules,
      format: format as FileFormat,
      encoding: encoding!,
      delimiter: delimiter as string,
      maxBadShare: maxBadShare as number,
      unique: unique as boolean,
      files: globToRegExp(files as string),
    },
    problems,
  };
}

/** `{ type: date, required: true, maxLength: 8 }`, or only the type name (`date`). */
function readRule(written: unknown): ColumnRule | string {
  const o = typeof written === 'string' ? { type: written } : written;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return 'a rule is a type name or { type, required, maxLength }';
  const { type = 'string', required = false, maxLength = null, ...rest } = o as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown setting '${Object.keys(rest)[0]}' (type, required, maxLength)`;
  if (!TYPES.includes(type as ColumnType)) return `type must be ${TYPES.join(', ')}, not ${JSON.stringify(type)}`;
  if (typeof required !== 'boolean') return 'required must be true or false';
  if (maxLength !== null && !(Number.isInteger(maxLength) && (maxLength as number) > 0)) return 'maxLength must be a positive whole number';
  return { type: type as ColumnType, required, maxLength: maxLength as number | null };
}

/** A file-name glob (`*`, `?`) as an anchored expression; nothing else is special. */
export function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`);
}
