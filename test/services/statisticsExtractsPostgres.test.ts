import type { Kysely } from 'kysely';
import { Pool } from 'pg';
import type { Identity } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import { market } from '../../subgraphs/market';
import { population } from '../../subgraphs/population';
import { services } from '../../subgraphs/services';
import { describeWithPostgres, POSTGRES_URL, uniqueSchema } from '../support/services';
import { startStack, type Stack } from '../support/startStack';

/** The statistical extracts' SQL (GROUP BY on derived columns, UNION ALL with a grouped branch) on PostgreSQL. */
const ANALYSIS: Identity = { sub: 'department:analysis', roles: ['caseworker'], dept: 'analysis', clearance: 2 };
const DEPARTMENTS = [population, market, licenses, services];

describeWithPostgres('statistical extracts on PostgreSQL', () => {
  let stack: Stack;
  const prefix = uniqueSchema('extracts');
  const dbOf = (department: string) => stack.subgraphs[department].database.db as Kysely<any>;
  const countOf = async (department: string, table: string) =>
    Number(
      (
        await dbOf(department)
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const extract = async (query: string) => {
    const { body } = await stack.request(query, {}, { as: ANALYSIS, purpose: 'statistics' });
    expect(body.errors).toBeUndefined();
    return Object.values(body.data)[0] as { count?: number }[];
  };
  const total = (rows: { count?: number }[]) => rows.reduce((sum, row) => sum + (row.count ?? 1), 0);

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05, departments: DEPARTMENTS, postgres: { url: POSTGRES_URL!, schemaPrefix: prefix } });
  });

  afterAll(async () => {
    await stack?.close();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    for (const { name } of DEPARTMENTS) await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${name} CASCADE`);
    await pool.end();
  });

  it('populationStatisticsExtract → cells whose counts add up to every resident, birth years as numbers', async () => {
    const cells = await extract('{ populationStatisticsExtract { division sex birthYear count } }');
    expect(total(cells)).toBe(await countOf('population', 'persons'));
    expect(cells.every((c: any) => /^\d{6}$/.test(c.division) && ['1', '2'].includes(c.sex) && Number.isInteger(c.birthYear))).toBe(true);
  });

  it('enterpriseStatisticsExtract → one row per enterprise', async () => {
    expect(total(await extract('{ enterpriseStatisticsExtract { creditCode division establishedYear } }'))).toBe(await countOf('market', 'enterprises'));
  });

  it('licenseStatisticsExtract → rows whose counts add up to every licence', async () => {
    expect(total(await extract('{ licenseStatisticsExtract { holderCreditCode kind status validUntil count } }'))).toBe(await countOf('licenses', 'licenses'));
  });

  it('applicationStatisticsExtract over 2000–2099 → cells whose counts add up to every application', async () => {
    const cells = await extract('{ applicationStatisticsExtract(from: "2000-01-01", to: "2099-12-31") { item month status workingDays overdue count } }');
    expect(total(cells)).toBe(await countOf('services', 'applications'));
  });

  it('each extract → its STATISTICS row in the department’s log', async () => {
    for (const department of ['population', 'market', 'licenses', 'services']) {
      const rows = await dbOf(department).selectFrom('kit_disclosures').select(['record_key', 'subject']).where('action', '=', 'statistics').execute();
      expect([department, rows.length > 0, rows.every((r: any) => r.record_key === '*' && r.subject === '*')]).toEqual([department, true, true]);
    }
  });
});
