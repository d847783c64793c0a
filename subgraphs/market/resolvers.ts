import { containsText, paginateByKey, type DepartmentContext, type DepartmentDefinition } from '../kit';
import type { EnterpriseRow, MarketDatabase } from './database';
import { enterpriseStatisticsExtract } from './enterpriseStatisticsExtract';
import type { MarketLoaders } from './loaders';

type MarketContext = DepartmentContext<MarketDatabase, MarketLoaders>;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  nameContains?: string | null;
}

/** A Person as market knows it: only the key; population owns every other field. */
interface PersonRef {
  idNumber: string;
}

function enterprises(_: unknown, args: PageArgs, { db }: MarketContext) {
  let matching = db.selectFrom('enterprises');
  if (args.nameContains) matching = matching.where(containsText('name', args.nameContains));
  return paginateByKey(args, {
    fetchPage: (afterKey, limit) => {
      const page = matching.selectAll().orderBy('credit_code').limit(limit);
      return (afterKey === null ? page : page.where('credit_code', '>', afterKey)).execute();
    },
    count: async () => (await matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    keyOf: (row) => row.credit_code,
  });
}

export const resolvers: DepartmentDefinition<MarketDatabase, MarketLoaders>['resolvers'] = {
  Query: {
    // Unknown and malformed credit codes alike give null.
    enterprise: (_: unknown, { creditCode }: { creditCode: string }, { loaders }: MarketContext) => loaders.enterpriseByCode.load(creditCode),
    enterprises,
    enterpriseStatisticsExtract,
  },
  Enterprise: {
    __resolveReference: ({ creditCode }: { creditCode: string }, { loaders }: MarketContext) => loaders.enterpriseByCode.load(creditCode),
    creditCode: (enterprise: EnterpriseRow) => enterprise.credit_code,
    registeredCapital: (enterprise: EnterpriseRow) => enterprise.registered_capital,
    establishedOn: (enterprise: EnterpriseRow) => enterprise.established_on,
    businessScope: (enterprise: EnterpriseRow) => enterprise.business_scope,
    legalRepresentative: (enterprise: EnterpriseRow): PersonRef => ({ idNumber: enterprise.legal_representative_id }),
  },
  Person: {
    // Any ID number is a valid reference here: a person with no enterprises has an empty list.
    __resolveReference: ({ idNumber }: PersonRef): PersonRef => ({ idNumber }),
    enterprises: ({ idNumber }: PersonRef, _: unknown, { loaders }: MarketContext) => loaders.enterprisesByRepresentative.load(idNumber),
  },
};
