import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import { statisticsExtract, type DepartmentContext } from '../kit';
import type { PopulationDatabase } from './database';
import type { PersonStatisticsCell } from '../../schema/contracts/statisticsExtracts';

/**
 * `Query.populationStatisticsExtract`: residents counted by division (the ID number's first 6
 * digits), sex (GB/T 2261.1 from the registry's gender) and birth year (the ID number's
 * digits 7–10), grouped in the database in one statement (substr and CASE read the same on
 * SQLite, PostgreSQL and MariaDB); then one disclosure-log row for the whole extract.
 */
export async function populationStatisticsExtract(
  _: unknown,
  __: unknown,
  context: DepartmentContext<PopulationDatabase, unknown>,
  info: GraphQLResolveInfo,
): Promise<PersonStatisticsCell[]> {
  const rows = await context.db
    .selectFrom('persons')
    .select((eb) => [
      sql<string>`substr(id_number, 1, 6)`.as('division'),
      sql<string>`case when gender = 'MALE' then '1' else '2' end`.as('sex'),
      sql<string>`substr(id_number, 7, 4)`.as('birth_year'),
      eb.fn.countAll<number | string | bigint>().as('n'),
    ])
    .groupBy(['division', 'sex', 'birth_year'])
    .orderBy('division')
    .orderBy('sex')
    .orderBy('birth_year')
    .execute();
  const cells = rows.map((row) => ({ division: row.division, sex: row.sex, birthYear: Number(row.birth_year), count: Number(row.n) }));
  return statisticsExtract(context, 'Person', info, cells);
}
