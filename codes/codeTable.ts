import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The national standard code tables govgraph carries, each in `codes/tables/<id>.json`. */
export const CODE_TABLE_IDS = ['sex', 'marital-status', 'ethnic-group', 'division'] as const;

/** GB/T 2261.1 sex, GB/T 2261.2 marital status, GB 3304 ethnic groups, GB/T 2260 administrative divisions. */
export type CodeTableId = (typeof CODE_TABLE_IDS)[number];

/** A standard code and its name in the table, as a standard-coded field answers it (`CodedValue`). */
export interface CodedName {
  code: string;
  name: string;
}

/** One standard code table: its codes and their names, in the standard's order. */
export interface CodeTable {
  id: CodeTableId;
  /** The standard's own name for the table, with a few English words. */
  title: string;
  /** The standard and its edition, e.g. `GB/T 2261.2-2003`. */
  standard: string;
  /** Code → name, e.g. `20` → `已婚`. */
  codes: ReadonlyMap<string, string>;
}

/** The folder of the table files: data, written from the standards (division.json by generateDivisionTable.mjs). */
export const CODE_TABLES_DIR = path.join(__dirname, 'tables');

const nonEmpty = z.string().refine((text) => text.trim() !== '' && text.trim() === text, 'must be non-empty, without spaces around it');

/** What a table file holds; `source` and `asOf` are for people (where the codes were taken from, and when). */
const tableFile = z.strictObject({
  id: z.enum(CODE_TABLE_IDS),
  title: nonEmpty,
  standard: nonEmpty,
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
    .optional(),
  source: nonEmpty,
  codes: z.array(z.tuple([nonEmpty, nonEmpty])).min(1),
});

export function isCodeTableId(id: unknown): id is CodeTableId {
  return typeof id === 'string' && (CODE_TABLE_IDS as readonly string[]).includes(id);
}

const tables = new Map<CodeTableId, CodeTable>();

/**
 * The table `id`, read from its file the first time it is asked for (the division table holds
 * some 3,200 codes; a process that never names it never reads it). Throws for an unknown id,
 * and for a file that is not a well-formed table (a code twice, an empty name), naming the file.
 */
export function codeTable(id: CodeTableId): CodeTable {
  if (!isCodeTableId(id)) throw new Error(`codes: no code table '${String(id)}'; the tables are ${CODE_TABLE_IDS.join(', ')}`);
  let table = tables.get(id);
  if (!table) {
    table = readCodeTable(path.join(CODE_TABLES_DIR, `${id}.json`), id);
    tables.set(id, table);
  }
  return table;
}

/** A table file, checked: well formed, of the table `id`, each code once. */
export function readCodeTable(file: string, id: CodeTableId): CodeTable {
  const fail = (message: string): never => {
    throw new Error(`${file}: ${message}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return fail((error as Error).message);
  }
  const parsed = tableFile.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; '));
  if (parsed.data.id !== id) return fail(`holds the table '${parsed.data.id}', not '${id}'`);
  const codes = new Map<string, string>();
  for (const [code, name] of parsed.data.codes) {
    if (codes.has(code)) fail(`code ${code} is listed twice`);
    codes.set(code, name);
  }
  return Object.freeze({ id, title: parsed.data.title, standard: parsed.data.standard, codes });
}
