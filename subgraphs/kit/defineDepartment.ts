import fs from 'node:fs';
import type { DocumentNode } from 'graphql';
import { parse } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Kysely, Migration } from 'kysely';
import type { GraphClient } from './graphClient';
import type { SeedOptions } from './seed/seedWorld';

/** Who is asking, as the gateway vouches for it. Null until the gateway sends an identity. */
export interface Identity {
  sub: string;
  roles: string[];
  dept: string | null;
  clearance: number;
}

/** What every resolver of a department receives. Built fresh for each request. */
export interface DepartmentContext<DB, Loaders> {
  department: string;
  db: Kysely<DB>;
  /** Per-request DataLoaders: one SQL statement per batch of keys. */
  loaders: Loaders;
  requestId: string;
  identity: Identity | null;
  /** Reads other departments' data through the graph. */
  graph: GraphClient;
}

/** Everything a department supplies to be served as a subgraph. */
export interface DepartmentDefinition<DB, Loaders> {
  /** Lower-case name, used for the subgraph, its database file or schema, and env vars. */
  name: string;
  /** Who runs it, in one line. */
  title: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<DepartmentContext<DB, Loaders>>;
  /** Kysely migrations, applied in name order on start. */
  migrations: Record<string, Migration>;
  createLoaders(db: Kysely<DB>): Loaders;
  /** Writes deterministic sample data (same options → same rows) into empty tables. */
  seed(db: Kysely<DB>, options: SeedOptions): Promise<void>;
}

/** Identity function that checks the definition's types. */
export function defineDepartment<DB, Loaders>(definition: DepartmentDefinition<DB, Loaders>): DepartmentDefinition<DB, Loaders> {
  if (!/^[a-z][a-z0-9]*$/.test(definition.name)) {
    throw new Error(`Department name '${definition.name}' must be lower-case letters and digits`);
  }
  return definition;
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
