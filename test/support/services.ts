/**
 * Suites that need a real PostgreSQL, Redis or MariaDB run when its URL is set and are reported
 * as skipped otherwise (never as passed). `.ci/run` sets the URLs and fails if they skip.
 */
export const POSTGRES_URL = process.env.DATABASE_URL;
export const REDIS_URL = process.env.REDIS_URL;
/** A MariaDB (or MySQL) account that may create databases and users: the departments' legacy systems in the exchange suites. */
export const MARIADB_URL = process.env.MARIADB_URL;

export const describeWithPostgres: jest.Describe = POSTGRES_URL
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} [skipped: DATABASE_URL is not set]`, fn)) as unknown as jest.Describe);

export const describeWithRedis: jest.Describe = REDIS_URL
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} [skipped: REDIS_URL is not set]`, fn)) as unknown as jest.Describe);

export const describeWithMariaDb: jest.Describe = MARIADB_URL
  ? describe
  : (((name: string, fn: () => void) => describe.skip(`${name} [skipped: MARIADB_URL is not set]`, fn)) as unknown as jest.Describe);

/** A PostgreSQL schema name unique to this test process, so parallel suites never collide. */
export function uniqueSchema(prefix: string): string {
  return `t_${prefix}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
}
