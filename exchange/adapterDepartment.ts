import path from 'node:path';
import type { Kysely } from 'kysely';
import { defineDepartment, inheritOwner, type DepartmentDefinition, type OwnerOf, type SeedOptions } from '../subgraphs/kit';
import type { AdapterLoaders, AdapterServices } from './adapter/AdapterServices';
import { createAdapterResolvers } from './adapter/createAdapterResolvers';
import { openSource } from './adapter/openSource';
import { sourceEnvironmentVariables } from './adapter/resolveSourceSettings';
import { standInLocation } from './adapter/standInLocation';
import type { AdapterModel } from './declaration/bindDeclaration';
import { DeclarationError, formatProblem } from './declaration/DeclarationError';
import { readAdapterModel } from './declaration/readAdapterModel';

/** Where a stand-in for the department's own system is seeded: the declaration's `default:` source. */
export interface StandInTarget {
  department: string;
  /** The `default:` location (`sqlite:.data/…`, `http://127.0.0.1:…`) as the source will read it, or the inbox folder (absolute) of a files source. */
  url: string;
  /** The department's data directory; relative paths of the declaration are in it (`resolveDataPath`). */
  dataDir: string;
}

export interface AdapterDepartmentOptions {
  /**
   * Seeds the stand-in of the department's system (deterministic: the same options, the same
   * records), when the kit seeds the department and the source is the declaration's `default:`.
   * Never run against a system the environment names: that one is the department's own.
   */
  seedStandIn?(target: StandInTarget, options: SeedOptions): Promise<void>;
}

/**
 * A department that joins the graph by declaration: `<dir>/schema.graphql` (its SDL) and
 * `<dir>/exchange.yaml` (its source and how records map to the SDL), served by the kit like any
 * department — gateway token, policies and masks, disclosure log, /health — with resolvers
 * generated from the declaration. A declaration with problems stops the department at load,
 * naming each `file:line`.
 */
export function adapterDepartment(dir: string, options: AdapterDepartmentOptions = {}): DepartmentDefinition<unknown, AdapterLoaders, AdapterServices> {
  const { model, typeDefs, problems } = readAdapterModel(dir, path.resolve(dir, '..', '..'));
  if (!model || !typeDefs) throw new DeclarationError(problems);
  const { declaration } = model;
  const ownsUrlVariable = sourceEnvironmentVariables(declaration.source.settings).includes(`${declaration.department.toUpperCase()}_DATABASE_URL`);
  return defineDepartment<unknown, AdapterLoaders, AdapterServices>({
    name: declaration.department,
    title: declaration.title,
    typeDefs,
    resolvers: createAdapterResolvers(model) as DepartmentDefinition<unknown, AdapterLoaders, AdapterServices>['resolvers'],
    // The kit's own tables alone (the disclosure log): the records live in the department's system.
    migrations: {},
    createLoaders: () => new Map(),
    async seed(_db, seedOptions, where) {
      if (!options.seedStandIn || !where) return;
      const { usingDefault, location } = standInLocation(declaration.source, { department: declaration.department, dataDir: where.dataDir, env: where.env });
      if (usingDefault && location) await options.seedStandIn({ department: declaration.department, url: location, dataDir: where.dataDir }, seedOptions);
    },
    // `<NAME>_DATABASE_URL` names the department's system here; its own database (the disclosure log) is the platform's.
    ...(ownsUrlVariable && { databaseUrl: (env: NodeJS.ProcessEnv) => env.DATABASE_URL || undefined }),
    async start(runtime) {
      const source = await openSource(model, {
        dataDir: runtime.dataDir,
        env: runtime.env as NodeJS.ProcessEnv,
        log: runtime.log,
        db: runtime.db as Kysely<any>,
        schema: runtime.schema,
      });
      const services: AdapterServices = { source, log: runtime.log, unmappedCodes: 0 };
      // A source with work of its own (the files kind: load what waits in the inbox, then follow it).
      await source.start?.();
      // Checked once at start: a source that does not fit is served all the same (the fields that
      // need what is missing fail), and /health says the department is not ready until it fits.
      const found = await source.check([...model.datasets.values()]);
      for (const problem of found) runtime.log.warn({ problem: formatProblem(problem) }, 'exchange source does not fit its declaration');
      return {
        services,
        close: () => source.close(),
        async health() {
          const problem = await source.problem();
          const sent = source.statementCount?.();
          const own = await source.details?.();
          return { problem, details: { source: { ...own, kind: source.kind, problem, ...(sent !== undefined && { statements: sent }) }, unmappedCodes: services.unmappedCodes } };
        },
      };
    },
    owners: ownersOf(model),
    disclosures: {
      ...(declaration.disclosures && { serveQueries: declaration.disclosures }),
      // The entities it extends: their values here are records (Person.socialInsurance), though
      // not leaves, which is all the kit's default would count as this department's own.
      recordTypes: [...model.types.values()].filter((type) => type.sdl.keyFields.length > 0).map((type) => type.mapping.name),
    },
  });
}

/** Who owns each record: an entity with an owner field (Person: its ID number) that citizen; a record built from a dataset, the owner of the record it was reached from. */
function ownersOf(model: AdapterModel): Record<string, OwnerOf> {
  const owners: Record<string, OwnerOf> = {};
  for (const type of model.types.values()) {
    const owner = type.mapping.owner;
    if (type.sdl.keyFields.length === 0) owners[type.mapping.name] = inheritOwner;
    else if (owner) owners[type.mapping.name] = (record: Record<string, unknown>) => (record[owner] === undefined || record[owner] === null ? null : String(record[owner]));
  }
  return owners;
}
