import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { DatasetSpec } from '../../exchange/ExchangeSource';
import { UsageError } from '../parseOptions';

/** What `exchange load` and `exchange loads` need of a department's declaration. */
export interface FilesDeclaration {
  department: string;
  /** The `source:` block as written. */
  source: Record<string, unknown>;
  datasets: DatasetSpec[];
}

/** How the commands find a declaration: the exchange core's parser can stand in for the small reader below. */
export type ReadDeclaration = (department: string) => Promise<FilesDeclaration>;

/** The departments shipped with govgraph: `subgraphs/<name>/exchange.yaml`. */
export const SUBGRAPHS_DIR = path.resolve(__dirname, '../../subgraphs');

/**
 * Reads `subgraphs/<department>/exchange.yaml` as far as the files commands need it: the
 * source block and each dataset's key, columns and settings, with the line it starts on.
 * The rest of the declaration (types, fields, codes) is the adapter's business.
 */
export function readFilesDeclaration(subgraphsDir = SUBGRAPHS_DIR): ReadDeclaration {
  return async (department) => {
    if (!/^[a-z][a-z0-9]*$/.test(department)) throw new UsageError(`'${department}' is not a department name (lower-case letters and digits)`);
    const file = path.join(subgraphsDir, department, 'exchange.yaml');
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch {
      throw new UsageError(`${department} has no declaration (${path.relative(process.cwd(), file)}): it is not a department that joins by exchange`);
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const declaration = doc.toJS() as { source?: Record<string, unknown>; datasets?: Record<string, Record<string, unknown>> };
    const datasetsNode = doc.get('datasets', true) as Node | undefined;
    const lineOf = (name: string): number => {
      const pair = isMap(datasetsNode) ? datasetsNode.items.find((item) => isScalar(item.key) && item.key.value === name) : undefined;
      const offset = (pair?.key as Node | undefined)?.range?.[0];
      return offset === undefined ? 1 : lineCounter.linePos(offset).line;
    };
    const datasets = Object.entries(declaration.datasets ?? {}).map(([name, written]): DatasetSpec => {
      const { key, columns, ...options } = written ?? {};
      if (typeof key !== 'string') throw new Error(`${file}:${lineOf(name)}: dataset ${name} names no key column`);
      return { name, file: path.relative(process.cwd(), file), line: lineOf(name), key, columns: Array.isArray(columns) ? columns.map(String) : [], options };
    });
    return { department, source: declaration.source ?? {}, datasets };
  };
}
