import path from 'node:path';
import { defineDepartment, inheritOwner, loadTypeDefs } from '../kit';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import type { ApplicationRecord } from './records';
import type { ApplicationUpdateRecord } from './updates/applicationUpdatesPage';
import { resolvers } from './resolvers';
import { seed } from './seed';
import { startServicePlatform } from './startServicePlatform';

export const services = defineDepartment({
  name: 'services',
  title: 'Government Service Center — service platform',
  typeDefs: loadTypeDefs(path.join(__dirname, 'schema.graphql')),
  resolvers,
  migrations,
  createLoaders,
  seed,
  // The write-back declarations, the signing key and the outbox relay.
  start: startServicePlatform,
  // Its disclosure log through the graph: Query.servicesDisclosures (residents their own, services officers any).
  disclosures: { serveQueries: 'department' },
  owners: {
    Person: (person: { idNumber: string }) => person.idNumber,
    // An application is its applicant's.
    Application: (application: ApplicationRecord) => application.applicantIdNumber,
    // Events, feedback, details and write-backs carry no applicant: they are the application's (or update's) they were read from.
    ApplicationEvent: inheritOwner,
    Feedback: inheritOwner,
    ApplicationDetail: inheritOwner,
    WriteBack: inheritOwner,
    // An update is of an application: its applicant's.
    ApplicationUpdate: (update: ApplicationUpdateRecord) => update.applicant,
  },
});
