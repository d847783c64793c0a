import path from 'node:path';
import { defineDepartment, loadTypeDefs } from '../kit';
import type { CatalogDatabase } from './database';
import { createLoaders, type CatalogLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { startCatalogServices, type CatalogServices } from './startCatalogServices';

/**
 * The catalog center, run by the platform operator over its own database: every field of
 * the graph as a data resource (from the supergraph and the policies in force), and the
 * access applications and grants that open conditional fields to other departments.
 */
export const catalog = defineDepartment<CatalogDatabase, CatalogLoaders, CatalogServices>({
  name: 'catalog',
  title: 'Platform operator — catalog center (data catalog, access applications and grants)',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  start: startCatalogServices,
});
