import { sql } from 'kysely';
import type { SourceDatabase } from './openSourceDatabase';

/** A column as the database's catalog describes it. */
export interface ColumnDescription {
  name: string;
  /** The database's own type name, lower case (`varchar`, `decimal`, `integer`, `date`…). */
  type: string;
  /** Part of the table's primary key. */
  primaryKey: boolean;
}

/**
 * The columns of a table with their types and primary key, from the database's catalog
 * (information_schema, or SQLite's pragma_table_info), in their order; empty when there is no
 * such table. For `exchange scaffold`.
 */
export async function describeTable(source: SourceDatabase, table: string): Promise<ColumnDescription[]> {
  const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
  switch (source.dialect) {
    case 'sqlite': {
      const { rows } = await sql<{
        name: string;
        type: string;
        pk: number;
      }>`select name, type, pk from ${sql.raw(schema ? `${schema}.` : '')}pragma_table_info(${name}) order by cid`.execute(source.db);
      return rows.map((row) => ({ name: row.name, type: row.type.toLowerCase().replace(/\(.*$/, ''), primaryKey: row.pk > 0 }));
    }
    case 'mysql': {
      const { rows } = await sql<{ name: string; type: string; columnKey: string }>`select COLUMN_NAME as name, DATA_TYPE as type, COLUMN_KEY as columnKey
        from information_schema.COLUMNS where TABLE_SCHEMA = ${schema === null ? sql`database()` : schema} and TABLE_NAME = ${name} order by ORDINAL_POSITION`.execute(source.db);
      return rows.map((row) => ({ name: row.name, type: String(row.type).toLowerCase(), primaryKey: row.columnKey === 'PRI' }));
    }
    case 'postgres': {
      const { rows } = await sql<{ name: string; type: string; primaryKey: boolean }>`select c.column_name as name, c.data_type as type,
          exists (select 1 from information_schema.table_constraints t join information_schema.key_column_usage k
            on k.constraint_name = t.constraint_name and k.table_schema = t.table_schema and k.table_name = t.table_name
            where t.constraint_type = 'PRIMARY KEY' and t.table_schema = c.table_schema and t.table_name = c.table_name and k.column_name = c.column_name) as "primaryKey"
        from information_schema.columns c
        where c.table_schema = ${schema === null ? sql`current_schema()` : schema} and c.table_name = ${name} order by c.ordinal_position`.execute(source.db);
      return rows.map((row) => ({ name: row.name, type: String(row.type).toLowerCase(), primaryKey: Boolean(row.primaryKey) }));
    }
  }
}
