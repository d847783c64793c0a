/** A table or column name the adapter will put in a statement: a plain name, or `schema.table` for a table. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_$]{0,63}$/;

/** Null when `name` may be used as a column; else why not. */
export function columnNameProblem(name: string): string | null {
  return PLAIN.test(name) ? null : `"${name}" is not a plain column name (letters, digits, _ and $, at most 64, not starting with a digit)`;
}

/** Null when `name` may be used as a table (`TABLE` or `schema.TABLE`); else why not. */
export function tableNameProblem(name: string): string | null {
  const parts = name.split('.');
  return parts.length <= 2 && parts.every((part) => PLAIN.test(part)) ? null : `"${name}" is not a plain table name (NAME or schema.NAME, letters, digits, _ and $)`;
}
