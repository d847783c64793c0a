import path from 'node:path';
import { defineDepartment, loadTypeDefs } from '../kit';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seed } from './seed';

export const market = defineDepartment({
  name: 'market',
  title: 'Legal-entity registry of the Market Regulation Administration',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  // Its disclosure log through the graph: Query.marketDisclosures (residents their own, market officers any).
  disclosures: { serveQueries: 'department' },
  owners: {
    // Market knows a person only by reference: `{ idNumber }`.
    Person: (person: { idNumber: string }) => person.idNumber,
  },
});
