import type { Kysely } from 'kysely';
import { isValidCreditCode, migrateToLatest, openDatabase, regionByCode, residentIdBirthDate, seedWorld, type DepartmentDatabase, type SeedOptions } from '../../subgraphs/kit';
import type { EnterpriseRow, MarketDatabase } from '../../subgraphs/market/database';
import { market } from '../../subgraphs/market';

const OPTIONS: SeedOptions = { seed: 7, scale: 0.1 };
const opened: DepartmentDatabase<MarketDatabase>[] = [];

/** A fresh in-memory market database seeded with `options`; its rows in key order. */
async function seededRows(options: SeedOptions): Promise<EnterpriseRow[]> {
  const database = await openDatabase<MarketDatabase>({ department: 'market', file: ':memory:' });
  opened.push(database);
  await migrateToLatest('market', database.db as Kysely<any>, market.migrations);
  await market.seed(database.db, options);
  return database.db.selectFrom('enterprises').selectAll().orderBy('credit_code').execute();
}

let rows: EnterpriseRow[];
/** Scale 1 (500 enterprises), for properties a small sample may miss by chance. */
let largerRows: EnterpriseRow[];

beforeAll(async () => {
  rows = await seededRows(OPTIONS);
  largerRows = await seededRows({ seed: 7, scale: 1 });
});

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
});

describe('market seed', () => {
  it('same seed and scale on a fresh database → identical rows', async () => {
    expect(await seededRows(OPTIONS)).toEqual(rows);
  });

  it('different seed → different rows', async () => {
    const other = await seededRows({ ...OPTIONS, seed: 8 });
    expect(other.map((row) => row.credit_code)).not.toEqual(rows.map((row) => row.credit_code));
  });

  it('creates exactly one enterprise per credit code of the seed world', () => {
    expect(rows.map((row) => row.credit_code).sort()).toEqual([...seedWorld(OPTIONS).creditCodes].sort());
  });

  it('every credit code is a valid unified social credit code', () => {
    expect(rows.filter((row) => !isValidCreditCode(row.credit_code))).toEqual([]);
  });

  it('kind is 个体工商户 exactly when the credit code marks an individual business', () => {
    const wrong = largerRows.filter((row) => (row.kind === '个体工商户') !== (row.credit_code[1] === '2'));
    expect(wrong).toEqual([]);
    expect(new Set(largerRows.map((row) => row.kind))).toEqual(new Set(['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '个体工商户']));
  });

  it('enterprise names are unique', () => {
    expect(new Set(largerRows.map((row) => row.name)).size).toBe(largerRows.length);
  });

  it('most enterprises are ACTIVE and every other status occurs', () => {
    const active = largerRows.filter((row) => row.status === 'ACTIVE').length;
    expect(active).toBeGreaterThan(largerRows.length * 0.7);
    expect(new Set(largerRows.map((row) => row.status))).toEqual(new Set(['ACTIVE', 'SUSPENDED', 'REVOKED', 'DEREGISTERED']));
  });

  it('every address lies in the region of the credit code', () => {
    const elsewhere = rows.filter((row) => !row.address.startsWith(regionByCode(row.credit_code.slice(2, 8))!.district));
    expect(elsewhere).toEqual([]);
  });

  it('every legal representative is a person of the seed world, adult when the enterprise was established', () => {
    const personIds = new Set(seedWorld(OPTIONS).personIds);
    const wrong = rows.filter((row) => {
      const [year, monthDay] = [Number(residentIdBirthDate(row.legal_representative_id).slice(0, 4)), residentIdBirthDate(row.legal_representative_id).slice(4)];
      return !personIds.has(row.legal_representative_id) || `${year + 18}${monthDay}` > row.established_on;
    });
    expect(wrong).toEqual([]);
  });

  it('some persons represent several enterprises', () => {
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.legal_representative_id, (counts.get(row.legal_representative_id) ?? 0) + 1);
    expect([...counts.values()].some((count) => count > 1)).toBe(true);
  });
});
