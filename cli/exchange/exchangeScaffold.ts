import fs from 'node:fs';
import path from 'node:path';
import { DECLARATION_FILE, SCHEMA_FILE, scaffoldSqlDeclaration } from '../../exchange';
import { readOpenApi } from '../../exchange/http';
import { HttpScaffoldError, scaffoldHttpDeclaration } from '../../exchange/scaffoldHttpDeclaration';
import { describeTable, openSourceDatabase, sourceDialectOf } from '../../exchange/sql';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { parseOptions, UsageError } from '../parseOptions';
import type { ExchangeIo } from './ExchangeIo';

export const SCAFFOLD_USAGE = [
  'govgraph exchange scaffold --sql URL --table T [--key COLUMN] [--name DEPARTMENT] [--out DIR]',
  '    govgraph exchange scaffold --openapi FILE --operation ID [--key PROPERTY] [--department NAME] [--out DIR]',
].join('\n');

type Options = Record<'sql' | 'openapi' | 'operation' | 'table' | 'key' | 'name' | 'department' | 'out', string | undefined>;

/** Where the pair is written, refusing to overwrite either file; null (after saying so) when one exists. */
function targetDir(values: Options, name: string, io: ExchangeIo): string | null {
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'subgraphs', name));
  const existing = [DECLARATION_FILE, SCHEMA_FILE].map((file) => path.join(out, file)).filter((file) => fs.existsSync(file));
  if (existing.length === 0) return out;
  io.err(`exchange scaffold: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written`);
  return null;
}

function checkName(name: string, option: string): void {
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new UsageError(`exchange scaffold: ${option} ${name}: a department name is lower-case letters and digits`);
}

/**
 * `govgraph exchange scaffold --sql URL --table T`: a starting `exchange.yaml` and
 * `schema.graphql` from the table's own description (its columns and types, its primary key as
 * the ID-number key unless `--key` says), into `subgraphs/<name>/` (or `--out`). The URL is used
 * once, to read the catalog; the declaration names it `env:<NAME>_DATABASE_URL`, never writes it.
 * Refuses to overwrite either file (exit 2).
 */
export async function exchangeScaffold(args: string[], io: ExchangeIo): Promise<number> {
  const { values } = parseOptions(args, {
    sql: { type: 'string' },
    openapi: { type: 'string' },
    operation: { type: 'string' },
    table: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    out: { type: 'string' },
  });
  if (values.openapi) return scaffoldFromOpenApi(values as Options, io);
  if (!values.sql || !values.table) throw new UsageError(`exchange scaffold: --sql URL and --table T (or --openapi FILE and --operation ID) are needed\n  ${SCAFFOLD_USAGE}`);
  const name =
    values.name ??
    values.department ??
    values.table
      .split('.')
      .pop()!
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  checkName(name, '--name');
  if (!sourceDialectOf(values.sql)) throw new UsageError('exchange scaffold: --sql takes mysql://, mariadb://, postgres:// or sqlite:<file>');
  const out = targetDir(values as Options, name, io);
  if (!out) return 2;

  const source = openSourceDatabase(values.sql, path.resolve(io.env.GOVGRAPH_DATA_DIR ?? '.data'));
  let columns;
  try {
    columns = await describeTable(source, values.table);
  } finally {
    await source.close();
  }
  if (columns.length === 0) {
    io.err(`exchange scaffold: ${source.location} has no table ${values.table}`);
    return 1;
  }
  const primary = columns.filter((column) => column.primaryKey);
  const key = values.key ?? (primary.length === 1 ? primary[0].name : undefined);
  if (!key || !columns.some((column) => column.name === key)) {
    io.err(`exchange scaffold: say which column holds residents' ID numbers (--key COLUMN); ${values.table} has ${columns.map((column) => column.name).join(', ')}`);
    return 1;
  }
  const variable = `${name.toUpperCase()}_DATABASE_URL`;
  const url = sourceDialectOf(values.sql) === 'sqlite' ? `env:${variable}\n  default: ${values.sql}` : `env:${variable}`;
  const { declaration, schema } = scaffoldSqlDeclaration({ department: name, url, table: values.table, columns, key });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, DECLARATION_FILE), declaration);
  fs.writeFileSync(path.join(out, SCHEMA_FILE), schema);
  io.out(`Wrote ${path.relative(process.cwd(), path.join(out, DECLARATION_FILE))} and ${SCHEMA_FILE} from ${values.table} (${columns.length} columns, key ${key}).`);
  io.out(`Next: edit both, then follow docs/exchange.md from step 3 (index.ts, server.ts, subgraphs.json, policies); ${variable} names the database when it runs.`);
  return 0;
}

/**
 * `govgraph exchange scaffold --openapi FILE --operation ID`: a starting pair from the operation
 * that answers one resident's record (see scaffoldHttpDeclaration). The department is `--department`,
 * else the name of the document's folder. The document is copied beside the declaration when it
 * is not there already (the declaration names it relative to its folder); the declaration names
 * the API `env:<NAME>_API_URL` and its key `env:<NAME>_API_KEY`, never a value.
 */
function scaffoldFromOpenApi(values: Options, io: ExchangeIo): number {
  if (values.sql || values.table) throw new UsageError(`exchange scaffold: --openapi and --sql are two kinds of source; give one\n  ${SCAFFOLD_USAGE}`);
  const file = path.resolve(values.openapi!);
  const document = readOpenApi(file);
  if (document.problems.length > 0) {
    io.err(`exchange scaffold: ${values.openapi}:${document.problems[0].line}: ${document.problems[0].message}`);
    return 1;
  }
  const operations = [...document.operations.keys()];
  if (!values.operation) throw new UsageError(`exchange scaffold: --operation ID is needed with --openapi; ${path.basename(file)} has ${operations.join(', ') || 'no operations'}`);
  if (!document.operations.has(values.operation))
    throw new UsageError(`exchange scaffold: --operation ${values.operation} is not in ${path.basename(file)}; its operations: ${operations.join(', ') || 'none'}`);
  const name = values.department ?? values.name ?? path.basename(path.dirname(file));
  checkName(name, '--department');
  const out = targetDir(values, name, io);
  if (!out) return 2;
  let scaffold;
  try {
    scaffold = scaffoldHttpDeclaration({ department: name, document, operationId: values.operation, openapi: path.basename(file), key: values.key });
  } catch (error) {
    if (!(error instanceof HttpScaffoldError)) throw error;
    io.err(`exchange scaffold: ${error.message}`);
    return 1;
  }
  const copy = path.join(out, path.basename(file));
  if (fs.existsSync(copy) && path.resolve(copy) !== file && fs.readFileSync(copy, 'utf8') !== fs.readFileSync(file, 'utf8')) {
    io.err(`exchange scaffold: ${copy} already exists and is another document; nothing written`);
    return 2;
  }
  fs.mkdirSync(out, { recursive: true });
  if (path.resolve(copy) !== file) fs.copyFileSync(file, copy);
  fs.writeFileSync(path.join(out, DECLARATION_FILE), scaffold.declaration);
  fs.writeFileSync(path.join(out, SCHEMA_FILE), scaffold.schema);
  const batch = scaffold.batch ? `, batch ${scaffold.batch}` : ', no batch operation found';
  io.out(
    `Wrote ${path.relative(process.cwd(), path.join(out, DECLARATION_FILE))} and ${SCHEMA_FILE} from ${values.operation} (${scaffold.columns.length} properties, key ${scaffold.key}${batch}).`,
  );
  io.out(`Next: edit both, then follow docs/exchange.md, "Connecting a REST API, step by step"; ${name.toUpperCase()}_API_URL names the API when it runs.`);
  return 0;
}
