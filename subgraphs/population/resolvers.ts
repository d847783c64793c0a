import { isValidResidentIdNumber, containsText, paginateByKey, type DepartmentContext, type DepartmentDefinition } from '../kit';
import type { PersonRow, PopulationDatabase } from './database';
import type { PopulationLoaders } from './loaders';
import { populationStatisticsExtract } from './populationStatisticsExtract';

type PopulationContext = DepartmentContext<PopulationDatabase, PopulationLoaders>;

interface PageArgs {
  first?: number | null;
  after?: string | null;
  nameContains?: string | null;
}

function people(_: unknown, args: PageArgs, { db }: PopulationContext) {
  let matching = db.selectFrom('persons');
  if (args.nameContains) matching = matching.where(containsText('name', args.nameContains));
  return paginateByKey(args, {
    fetchPage: (afterKey, limit) => {
      const page = matching.selectAll().orderBy('id_number').limit(limit);
      return (afterKey === null ? page : page.where('id_number', '>', afterKey)).execute();
    },
    count: async () => (await matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    keyOf: (row) => row.id_number,
  });
}

export const resolvers: DepartmentDefinition<PopulationDatabase, PopulationLoaders>['resolvers'] = {
  Query: {
    // A malformed ID number gets the same answer as an unknown one (null), not
    // BAD_USER_INPUT: "is this person registered?" has one negative answer, and the
    // database is not asked about numbers that cannot exist.
    person: (_: unknown, { idNumber }: { idNumber: string }, { loaders }: PopulationContext) => (isValidResidentIdNumber(idNumber) ? loaders.personById.load(idNumber) : null),
    people,
    populationStatisticsExtract,
  },
  Person: {
    __resolveReference: ({ idNumber }: { idNumber: string }, { loaders }: PopulationContext) => loaders.personById.load(idNumber),
    idNumber: (person: PersonRow) => person.id_number,
    birthDate: (person: PersonRow) => person.birth_date,
    householdAddress: (person: PersonRow) => person.household_address,
  },
};
