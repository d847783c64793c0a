import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DepartmentContext } from '../kit';
import type { LicensesDatabase } from './database';
import { licenseStatisticsExtract } from './licenseStatisticsExtract';
import { listLicenses, type ListLicensesArgs } from './listLicenses';
import type { LicensesLoaders } from './loaders';
import type { LicenseRecord } from './records';

type Context = DepartmentContext<LicensesDatabase, LicensesLoaders>;

/** A reference to an entity another department owns; the gateway fetches its fields there. */
type HolderReference = { __typename: 'Person'; idNumber: string } | { __typename: 'Enterprise'; creditCode: string };

function holderOf(license: LicenseRecord): HolderReference {
  switch (license.holderKind) {
    case 'PERSON':
      return { __typename: 'Person', idNumber: license.holderId };
    case 'ENTERPRISE':
      return { __typename: 'Enterprise', creditCode: license.holderId };
    default: {
      const impossible: never = license.holderKind;
      throw new Error(`License ${license.licenseNo} has an unknown holder kind '${String(impossible)}'`);
    }
  }
}

export const resolvers: GraphQLResolverMap<Context> = {
  Query: {
    license: (_: unknown, args: { licenseNo: string }, ctx: Context) => ctx.loaders.license.load(args.licenseNo),
    licenses: (_: unknown, args: ListLicensesArgs, ctx: Context) => listLicenses(args, ctx),
    licenseStatisticsExtract,
  },
  License: {
    __resolveReference: (reference: { licenseNo: string }, ctx: Context) => ctx.loaders.license.load(reference.licenseNo),
    holder: (license: LicenseRecord) => holderOf(license),
  },
  LicenseHolder: {
    __resolveType: (holder: HolderReference) => holder.__typename,
  },
  // Persons and enterprises belong to other departments: a reference is all this one needs.
  Person: {
    __resolveReference: (reference: { idNumber: string }) => ({ idNumber: reference.idNumber }),
    licenses: (person: { idNumber: string }, _: unknown, ctx: Context) => ctx.loaders.licensesOfPerson.load(person.idNumber),
  },
  Enterprise: {
    __resolveReference: (reference: { creditCode: string }) => ({ creditCode: reference.creditCode }),
    licenses: (enterprise: { creditCode: string }, _: unknown, ctx: Context) => ctx.loaders.licensesOfEnterprise.load(enterprise.creditCode),
  },
};
