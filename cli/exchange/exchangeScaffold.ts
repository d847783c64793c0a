import fs from 'node:fs';
import path from 'node:path';
import { DECLARATION_FILE, SCHEMA_FILE, scaffoldSqlDeclaration } from '../../exchange';
import { describeTable, openSourceDatabase, sourceDialectOf } from '../../exchange/sql';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { parseOptions, UsageError } from '../parseOptions';
import type { ExchangeIo } from './ExchangeIo';

export const SCAFFOLD_USAGE = 'govgraph exchange scaffold --sql URL --table T [--key COLUMN] [--name DEPARTMENT] [--out DIR]';

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
    out: { type: 'string' },
  });
  if (values.openapi) throw new UsageError('exchange scaffold --openapi: scaffolding from an OpenAPI document comes with the http kind of source');
  if (!values.sql || !values.table) throw new UsageError(`exchange scaffold: --sql URL and --table T are needed\n  ${SCAFFOLD_USAGE}`);
  const name =
    values.name ??
    values.table
      .split('.')
      .pop()!
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new UsageError(`exchange scaffold: --name ${name}: a department name is lower-case letters and digits`);
  if (!sourceDialectOf(values.sql)) throw new UsageError('exchange scaffold: --sql takes mysql://, mariadb://, postgres:// or sqlite:<file>');
  const out = path.resolve(values.out ?? path.join(PROJECT_ROOT, 'subgraphs', name));
  const existing = [DECLARATION_FILE, SCHEMA_FILE].map((file) => path.join(out, file)).filter((file) => fs.existsSync(file));
  if (existing.length) {
    io.err(`exchange scaffold: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; nothing written`);
    return 2;
  }

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
