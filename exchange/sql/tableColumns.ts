import { sql } from 'kysely';
import type { SourceDatabase } from './openSourceDatabase';

/**
 * The columns of a table as the database's own catalog lists them (information_schema, or
 * SQLite's pragma_table_info), in their order; empty when there is no such table. Each is a
 * SELECT with the table's name as a parameter.
 */
export async function tableColumns(source: SourceDatabase, table: string): Promise<string[]> {
  const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
  let rows: { name: string }[];
  switch (source.dialect) {
    case 'sqlite':
      rows = (await sql<{ name: string }>`select name from ${sql.raw(schema ? `${schema}.` : '')}pragma_table_info(${name}) order by cid`.execute(source.db)).rows;
      break;
    case 'mysql':
      rows = (
        await sql<{ name: string }>`select COLUMN_NAME as name from information_schema.COLUMNS
          where TABLE_SCHEMA = ${schema === null ? sql`database()` : schema} and TABLE_NAME = ${name} order by ORDINAL_POSITION`.execute(source.db)
      ).rows;
      break;
    case 'postgres':
      rows = (
        await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = ${schema === null ? sql`current_schema()` : schema} and table_name = ${name} order by ordinal_position`.execute(source.db)
      ).rows;
      break;
  }
  return rows.map((row) => row.name);
}
