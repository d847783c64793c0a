import type { CompiledQuery, DatabaseConnection, Dialect, Driver, Kysely, QueryResult } from 'kysely';

/** A statement the source refused to send: the adapter only ever reads. */
export class NotASelectError extends Error {
  constructor(statement: string) {
    super(`exchange sql: refused a statement that is not a SELECT (${statement.slice(0, 40)}…); a source database is only ever read`);
    this.name = 'NotASelectError';
  }
}

function assertSelect(query: CompiledQuery): void {
  // Kysely writes one statement and never a `;`; identifiers are checked plain names, values are parameters.
  if (!/^\s*select\s/i.test(query.sql) || query.sql.includes(';')) throw new NotASelectError(query.sql);
}

/**
 * A dialect whose every statement must be one SELECT, and which opens no transaction: the second
 * lock on the door, behind the read-only account the URL gives (and, where the database has one,
 * the read-only session the dialect sets up). A bug or a future change that tried to write would
 * be refused here before it reached the department's system.
 */
export function selectOnlyDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db: Kysely<any>) => inner.createIntrospector(db),
    createDriver: () => selectOnlyDriver(inner.createDriver()),
  };
}

function selectOnlyDriver(inner: Driver): Driver {
  const innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const refuse = (): Promise<never> => Promise.reject(new Error('exchange sql: a source database is only read; no transaction is opened on it'));
  return {
    init: () => inner.init(),
    async acquireConnection() {
      const connection = await inner.acquireConnection();
      const guarded: DatabaseConnection = {
        executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          assertSelect(query);
          return connection.executeQuery<R>(query);
        },
        streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
          assertSelect(query);
          return connection.streamQuery<R>(query, chunkSize);
        },
      };
      innerOf.set(guarded, connection);
      return guarded;
    },
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: (connection) => inner.releaseConnection(innerOf.get(connection) ?? connection),
    destroy: () => inner.destroy(),
  };
}
