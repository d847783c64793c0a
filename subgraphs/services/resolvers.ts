import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ServicesContext } from './context';
import { Mutation } from './mutations';
import { applicationStatisticsExtract } from './statistics/applicationStatisticsExtract';
import { toServiceItemRecord, type ApplicationRecord, type ServiceItemRecord } from './records';
import type { ApplicationUpdateRecord } from './updates/applicationUpdatesPage';
import { applicationUpdates, myApplicationUpdates } from './updates/updateQueries';
import { coordinatesOf } from './writeBack/writeBackDeclarations';

export const resolvers: GraphQLResolverMap<ServicesContext> = {
  Query: {
    serviceItems: async (_: unknown, __: unknown, ctx: ServicesContext) =>
      (await ctx.db.selectFrom('service_items').selectAll().orderBy('code').execute()).map(toServiceItemRecord),
    application: (_: unknown, args: { id: string }, ctx: ServicesContext) => ctx.loaders.application.load(args.id),
    myApplicationUpdates,
    applicationUpdates,
    applicationStatisticsExtract,
  },
  Mutation,
  ServiceItem: {
    __resolveReference: (reference: { code: string }, ctx: ServicesContext) => ctx.loaders.serviceItem.load(reference.code),
    requiredDetails: (item: ServiceItemRecord, _: unknown, ctx: ServicesContext) => ctx.services.declarations.items.get(item.code)?.details ?? [],
    writesBack: (item: ServiceItemRecord, _: unknown, ctx: ServicesContext) => {
      const declared = ctx.services.declarations.items.get(item.code);
      return (declared?.writes ?? []).map((write) => ({ department: write.department, event: declared!.event, fields: coordinatesOf(write) }));
    },
  },
  Application: {
    __resolveReference: (reference: { id: string }, ctx: ServicesContext) => ctx.loaders.application.load(reference.id),
    item: (application: ApplicationRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.serviceItem.load(application.itemCode),
    // Persons and enterprises belong to other departments: the gateway resolves these references there.
    applicant: (application: ApplicationRecord) => ({ __typename: 'Person', idNumber: application.applicantIdNumber }),
    enterprise: (application: ApplicationRecord) => (application.enterpriseCreditCode === null ? null : { __typename: 'Enterprise', creditCode: application.enterpriseCreditCode }),
    events: (application: ApplicationRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.eventsOfApplication.load(application.id),
    feedback: (application: ApplicationRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.feedback.load(application.id),
    details: (application: ApplicationRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.detailsOfApplication.load(application.id),
    writeBacks: (application: ApplicationRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.writeBacksOfApplication.load(application.id),
  },
  ApplicationUpdate: {
    application: (update: ApplicationUpdateRecord, _: unknown, ctx: ServicesContext) => ctx.loaders.application.load(update.applicationId),
  },
  Person: {
    __resolveReference: (reference: { idNumber: string }) => ({ idNumber: reference.idNumber }),
    applications: (person: { idNumber: string }, _: unknown, ctx: ServicesContext) => ctx.loaders.applicationsOfApplicant.load(person.idNumber),
  },
};
