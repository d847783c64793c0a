/** The sql kind of exchange source: a department's MariaDB/MySQL, PostgreSQL or SQLite database, read only. */
export { createSqlSource, type SqlSource } from './createSqlSource';
export { openSourceDatabase, sourceDialectOf, sqliteFileOf, type SourceDatabase, type SourceDialect } from './openSourceDatabase';
export { NotASelectError } from './selectOnlyDialect';
export { tableColumns } from './tableColumns';
export { describeTable, type ColumnDescription } from './describeTable';
