import path from 'node:path';
import { defineDepartment, loadTypeDefs } from '../kit';
import type { PersonRow } from './database';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { updatePerson } from './updatePerson';

export const population = defineDepartment({
  name: 'population',
  title: 'Population registry of the Public Security Bureau',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  owners: {
    // A citizen owns their registry record.
    Person: (person: PersonRow) => person.id_number,
  },
  // The registry that holds residents' identity records answers "who read my records".
  disclosures: { serveQueries: 'registry' },
  // A completed application updates a resident's record (services' write-backs, under policies/population.yaml's write rules).
  writeBacks: { actions: { updatePerson } },
});
