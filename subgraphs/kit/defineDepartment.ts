import fs from 'node:fs';
import { concatAST, parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Kysely, Migration } from 'kysely';
import type { GraphClient } from './graphClient';
import type { Identity } from '../../policies';
import type { SeedOptions } from './seed/seedWorld';
import type { DepartmentRuntime, DepartmentServices } from './departmentServices';
import { checkDisclosureQueries, type DisclosureQueries } from './disclosures/checkDisclosureQueries';
import { disclosureTypeDefs } from './disclosures/disclosureTypeDefs';
import type { DepartmentWriteBacks } from './writeBack/WriteBackAction';

/** Who is asking, as the gateway vouches for it (one shape with the policy engine's). */
export type { Identity };

/**
 * The ID number of the citizen who owns a record of one type, or null when no citizen
 * does (an enterprise's license). Row-level `self` rules compare it with the reader's `sub`.
 */
export type OwnerOf = (parent: any) => string | null;

/** Where a department's seed runs: its data directory and environment. */
export interface SeedContext {
  /** `GOVGRAPH_DATA_DIR`, else `.data`. */
  dataDir: string;
  env: NodeJS.ProcessEnv;
}

/** What every resolver of a department receives. Built fresh for each request. */
export interface DepartmentContext<DB, Loaders, Services = any> {
  department: string;
  db: Kysely<DB>;
  /** Per-request DataLoaders: one SQL statement per batch of keys. */
  loaders: Loaders;
  /** From the gateway token (the gateway assigns it to the client request). */
  requestId: string;
  /** The reader, as the gateway vouches for it; null for an anonymous reader (or with policies off). */
  identity: Identity | null;
  /** The declared purpose of use (`X-Purpose`), checked by the gateway; null when none. */
  purpose: string | null;
  /** The service case the request is bound to (`X-Case-Id`), if any. */
  caseId: string | null;
  /** Reads other departments' data through the graph. */
  graph: GraphClient;
  /** What the department's `start` hook returned (undefined without one). */
  services: Services;
}

/** Everything a department supplies to be served as a subgraph. */
export interface DepartmentDefinition<DB, Loaders, Services = any> {
  /** Lower-case name, used for the subgraph, its database file or schema, and env vars. */
  name: string;
  /** Who runs it, in one line. */
  title: string;
  /** Its SDL; with `disclosures.serveQueries`, `defineDepartment` adds the kit's disclosure types to it. */
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<DepartmentContext<DB, Loaders, Services>>;
  /** Kysely migrations, applied in name order on start. */
  migrations: Record<string, Migration>;
  createLoaders(db: Kysely<DB>): Loaders;
  /**
   * Writes deterministic sample data (same options → same rows) into empty tables; `where` tells
   * where the department keeps its files, for a department whose stand-in system lives beside its database.
   */
  seed(db: Kysely<DB>, options: SeedOptions, where?: SeedContext): Promise<void>;
  /**
   * Optional: where the department's own database is, read from the environment; by default
   * `<NAME>_DATABASE_URL`, else `DATABASE_URL` (`databaseUrlFor`). An adapter department whose
   * source system is named by `<NAME>_DATABASE_URL` keeps its own (the disclosure log) elsewhere.
   */
  databaseUrl?(env: NodeJS.ProcessEnv): string | undefined;
  /** Optional: starts what the department keeps besides its database; resolvers see it as `ctx.services`. */
  start?(runtime: DepartmentRuntime<DB>): Promise<DepartmentServices<Services>>;
  /**
   * Per object type, who owns a record: the resident ID number of its citizen, or null.
   * A type without an entry has no owner, so `self` rules never match its records;
   * `inheritOwner` gives a type the owner of the record it was reached from.
   */
  owners?: Record<string, OwnerOf>;
  /**
   * The disclosure log. Every department records, in its own database, which of its records
   * each request was given (by default: every entity it serves values of). With
   * `serveQueries` it also serves its log through the graph: `'registry'` (the department
   * holding residents' identity records) `Query.myDisclosures` and `Query.disclosures`;
   * `'department'` (any other) `Query.<name>Disclosures(subject, first, after)`. Its SDL
   * declares those Query fields and PageInfo; the types they answer with are the kit's
   * (`subgraphs/kit/disclosures/disclosures.graphql`), added by `defineDepartment`.
   */
  disclosures?: {
    serveQueries?: DisclosureQueries;
    /** The types whose records are logged, instead of every entity the department serves values of. */
    recordTypes?: readonly string[];
  };
  /**
   * Optional: what a completed application may write into the department's records (its
   * write-backs), by action name (`issueLicense`, `updatePerson`). The kit receives the events
   * (`POST /write-backs`, and the department's Redis stream with `REDIS_URL`), verifies the
   * service platform's signature, applies each event once (the inbox `kit_write_backs`) under the
   * department's write policies, logs every write in the disclosure log and answers an outcome.
   * A department declaring them does not start without the service platform's public key.
   */
  writeBacks?: DepartmentWriteBacks<DB>;
}

/**
 * Checks a department's definition and completes it: a department serving its disclosure log
 * gets the kit's disclosure types added to its SDL, the same file composition reads for it.
 */
export function defineDepartment<DB, Loaders, Services = any>(definition: DepartmentDefinition<DB, Loaders, Services>): DepartmentDefinition<DB, Loaders, Services> {
  if (!/^[a-z][a-z0-9]*$/.test(definition.name)) {
    throw new Error(`Department name '${definition.name}' must be lower-case letters and digits`);
  }
  checkWriteBacks(definition);
  const queries = definition.disclosures?.serveQueries;
  if (queries === undefined) return definition;
  if (queries !== 'registry' && queries !== 'department') {
    throw new Error(`${definition.name}: disclosures.serveQueries must be 'registry' or 'department', not ${JSON.stringify(queries)}`);
  }
  const problems = checkDisclosureQueries(definition.typeDefs, definition.name, queries);
  if (problems.length > 0) {
    throw new Error(`${definition.name} serves the disclosure queries (${queries}), but its schema does not fit them:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { ...definition, typeDefs: concatAST([definition.typeDefs, disclosureTypeDefs()]) };
}

/** Every write-back action has a plain name and an `apply`. */
function checkWriteBacks(definition: DepartmentDefinition<any, any, any>): void {
  if (!definition.writeBacks) return;
  const actions = Object.entries(definition.writeBacks.actions ?? {});
  if (actions.length === 0) throw new Error(`${definition.name}: writeBacks declares no action`);
  for (const [name, action] of actions) {
    if (!/^[a-z][A-Za-z0-9]{0,63}$/.test(name)) throw new Error(`${definition.name}: write-back action name '${name}' must be a lower-camel-case name`);
    if (typeof action?.apply !== 'function') throw new Error(`${definition.name}: write-back action ${name} has no apply function`);
  }
}

/** Reads a department's schema.graphql; a syntax error names the file. */
export function loadTypeDefs(file: string): DocumentNode {
  const source = fs.readFileSync(file, 'utf8');
  try {
    return parse(source);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
