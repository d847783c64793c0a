import path from 'node:path';
import { defineDepartment, loadTypeDefs } from '../kit';
import { issueLicense } from './issueLicense';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import type { LicenseRecord } from './records';
import { resolvers } from './resolvers';
import { seed } from './seed';

export const licenses = defineDepartment({
  name: 'licenses',
  title: 'Data Bureau — electronic-license library',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  // Its disclosure log through the graph: Query.licensesDisclosures (residents their own, licenses officers any).
  disclosures: { serveQueries: 'department' },
  owners: {
    Person: (person: { idNumber: string }) => person.idNumber,
    // A person's license is theirs; an enterprise's belongs to no citizen.
    License: (license: LicenseRecord) => (license.holderKind === 'PERSON' ? license.holderId : null),
  },
  // A completed application issues a license (services' write-backs, under policies/licenses.yaml's write rules).
  writeBacks: { actions: { issueLicense } },
});
