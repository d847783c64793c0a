import { sql, type RawBuilder } from 'kysely';

/** `column LIKE '%text%'` matching `text` literally: %, _ and \ in it are escaped. */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
