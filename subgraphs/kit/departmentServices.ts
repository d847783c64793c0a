import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PolicySet } from '../../policies';
import type { GrantStoreSettings } from '../../policies/grants';
import type { KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';

/**
 * What a department's `start` hook is given, once, when its subgraph starts (after
 * migrations and seeding, before it listens): for a department that keeps more than a
 * database, such as the catalog, which follows the policies and publishes access grants.
 */
export interface DepartmentRuntime<DB> {
  department: string;
  db: Kysely<DB>;
  /** The PostgreSQL schema of its tables (absent on SQLite). */
  schema?: string;
  /** Directory of the department's files (`GOVGRAPH_DATA_DIR`, else `.data`). */
  dataDir: string;
  /** The policies the subgraph enforces now (a reload replaces them); null with policies off. */
  policies(): PolicySet | null;
  /** Where access grants are published and followed: a file in `dataDir` unless Redis is given. */
  grants: GrantStoreSettings;
  /** The department's environment (its keys, production mode): `startSubgraph`'s `env`. */
  env: KeyEnv;
  log: Logger;
}

/** What a `start` hook returns: state every resolver sees as `ctx.services`, and how to release it. */
export interface DepartmentServices<Services> {
  services: Services;
  /** Called when the subgraph closes, after it stopped answering. */
  close(): Promise<void>;
  /**
   * Optional: what the department adds to its `/health` (`details`, beside the kit's own fields),
   * and whether it can serve: a `problem` makes `/health` say `ready: false` with it and `/ready`
   * answer 503 (an adapter department whose source system is unreachable or no longer fits).
   */
  health?(): Promise<{ problem: string | null; details?: Record<string, unknown> }>;
  /**
   * Optional: GET routes beside `/graphql`, by path, that only the gateway may call (its token is
   * checked before them; with policies off they are not served): the services department's
   * feeds the gateway follows (`schema/contracts/writeBack/writeBackRoutes.ts`).
   */
  gatewayRoutes?: Record<string, RequestHandler>;
}

/** Runs a department's `start` hook, if it has one, with the runtime built from the subgraph's settings. */
export async function startDepartmentServices<DB, Services>(
  start: ((runtime: DepartmentRuntime<DB>) => Promise<DepartmentServices<Services>>) | undefined,
  settings: Omit<DepartmentRuntime<DB>, 'dataDir' | 'grants'> & { dataDir?: string; grants?: GrantStoreSettings },
): Promise<DepartmentServices<Services> | undefined> {
  if (!start) return undefined;
  // The same default as the department's SQLite files.
  return start({ ...settings, dataDir: settings.dataDir ?? path.resolve('.data'), grants: settings.grants ?? {} });
}
