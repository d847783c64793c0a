import path from 'node:path';
import { concatAST } from 'graphql';
import type { Kysely } from 'kysely';
import { codedValueTypeDefs, divisionOf, unmappedCodeError } from '../../codes';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { createEntityLoader, defineDepartment, inheritOwner, insertInChunks, loadTypeDefs } from '../../subgraphs/kit';
import { legacyInsuredRows, LEGACY_TABLE, type LegacyInsuredRow } from '../../subgraphs/hrss/standInSystem';

interface Tables {
  SI_INSURED: LegacyInsuredRow;
}

const STATUS: Record<string, string> = { '1': 'ACTIVE', '2': 'SUSPENDED', '3': 'TERMINATED' };

/**
 * The hrss department as a team would write it by hand on the kit, for the bench's `exchange`
 * section: the same SDL and policies as the declared one, the same legacy rows kept in the
 * department's own database, one DataLoader batch per request (`WHERE AAC002 IN (…)`), and the
 * same conversions written out (status codes, YYYYMMDD dates, GB/T 2260 divisions). The bench
 * compares the declared adapter with it.
 */
export const handWrittenHrss = defineDepartment<Tables, ReturnType<typeof createLoaders>>({
  name: 'hrss',
  title: 'Human Resources and Social Security Bureau — social insurance (hand-written, for the bench)',
  typeDefs: concatAST([loadTypeDefs(path.join(PROJECT_ROOT, 'subgraphs', 'hrss', 'schema.graphql')), codedValueTypeDefs()]),
  migrations: {
    '001_si_insured': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable(LEGACY_TABLE)
          .addColumn('AAC001', 'varchar(20)', (c) => c.notNull())
          .addColumn('AAC002', 'varchar(18)', (c) => c.primaryKey())
          .addColumn('AAC008', 'char(1)', (c) => c.notNull())
          .addColumn('AAC030', 'char(8)', (c) => c.notNull())
          .addColumn('AAC040', 'decimal(10, 2)', (c) => c.notNull())
          .addColumn('AAB301', 'varchar(6)', (c) => c.notNull())
          .execute();
      },
    },
  },
  createLoaders,
  async seed(db, options) {
    await insertInChunks(legacyInsuredRows(options), (chunk) => db.insertInto('SI_INSURED').values(chunk).execute());
  },
  resolvers: {
    Person: {
      __resolveReference: (person: { idNumber: string }) => person,
      socialInsurance: (person: { idNumber: string }, _args: unknown, ctx: { loaders: ReturnType<typeof createLoaders> }) => ctx.loaders.insured.load(person.idNumber),
    },
    SocialInsurance: {
      status(row: LegacyInsuredRow) {
        const status = STATUS[row.AAC008];
        if (!status) throw unmappedCodeError({ department: 'hrss', field: 'SocialInsurance.status', value: row.AAC008 });
        return status;
      },
      insuredSince: (row: LegacyInsuredRow) => `${row.AAC030.slice(0, 4)}-${row.AAC030.slice(4, 6)}-${row.AAC030.slice(6, 8)}`,
      contributionBase: (row: LegacyInsuredRow) => Number(row.AAC040),
      insuringCity(row: LegacyInsuredRow) {
        const division = divisionOf(row.AAB301);
        if (!division) throw unmappedCodeError({ department: 'hrss', field: 'SocialInsurance.insuringCity', value: row.AAB301 });
        return { code: division.code, name: division.name };
      },
    },
  },
  owners: { Person: (person: { idNumber: string }) => person.idNumber, SocialInsurance: inheritOwner },
  disclosures: { serveQueries: 'department', recordTypes: ['Person'] },
});

function createLoaders(db: Kysely<Tables>) {
  return {
    insured: createEntityLoader(
      (ids: readonly string[]) => db.selectFrom('SI_INSURED').selectAll().where('AAC002', 'in', ids).execute(),
      (row) => row.AAC002,
    ),
  };
}
