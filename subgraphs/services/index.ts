import path from 'node:path';
import { defineDepartment, inheritOwner, loadTypeDefs } from '../kit';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import type { ApplicationRecord } from './records';
import { resolvers } from './resolvers';
import { seed } from './seed';

export const services = defineDepartment({
  name: 'services',
  title: 'Government Service Center — service platform',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  // Its disclosure log through the graph: Query.servicesDisclosures (residents their own, services officers any).
  disclosures: { serveQueries: 'department' },
  owners: {
    Person: (person: { idNumber: string }) => person.idNumber,
    // An application is its applicant's.
    Application: (application: ApplicationRecord) => application.applicantIdNumber,
    // Events and feedback carry no applicant: they are the application's they were read from.
    ApplicationEvent: inheritOwner,
    Feedback: inheritOwner,
  },
});
