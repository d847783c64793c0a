export type SourceRecord = Readonly<Record<string, unknown>>;
export interface DatasetSpec {
  name: string;
  /** file and line of the dataset in exchange.yaml, for problems */
  file: string;
  line: number;
  key: string; // the key column
  columns: readonly string[]; // every column the declaration reads from it
  options: Readonly<Record<string, unknown>>; // the kind-specific settings as written (table, operation, inbox, …)
}
export interface ExchangeProblem {
  file: string;
  line: number;
  message: string;
}
export interface ExchangeSource {
  readonly kind: 'sql' | 'http' | 'files';
  /** One batch (a DataLoader's): the records of `dataset` whose key is one of `keys`, by key, in source order. Throws a clear Error when the source fails. */
  lookup(dataset: DatasetSpec, keys: readonly string[]): Promise<Map<string, SourceRecord[]>>;
  /** The declaration against the source: missing tables/columns/operations, files that do not fit. */
  check(datasets: readonly DatasetSpec[]): Promise<ExchangeProblem[]>;
  /** For /health and readiness: null when fine, else why not (never a password or a key). */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}
