import type { Kysely, Selectable } from 'kysely';
import { isValidCreditCode, migrateToLatest, openDatabase, residentIdBirthDate, seedWorld, type DepartmentDatabase, type SeedOptions } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import type { LicensesDatabase, LicensesTable } from '../../subgraphs/licenses/database';
import { AS_OF, isoDay } from '../../subgraphs/licenses/seedCalendar';

type LicenseRow = Selectable<LicensesTable>;

const OPTIONS: SeedOptions = { seed: 7, scale: 0.1 };
const opened: DepartmentDatabase<LicensesDatabase>[] = [];
const today = new Date().toISOString().slice(0, 10);

/** A fresh in-memory licenses database seeded with `options`; its rows in key order. */
async function seededRows(options: SeedOptions): Promise<LicenseRow[]> {
  const database = await openDatabase<LicensesDatabase>({ department: 'licenses', file: ':memory:' });
  opened.push(database);
  await migrateToLatest('licenses', database.db as Kysely<any>, licenses.migrations);
  await licenses.seed(database.db, options);
  return database.db.selectFrom('licenses').selectAll().orderBy('license_no').execute();
}

let rows: LicenseRow[];

beforeAll(async () => {
  rows = await seededRows(OPTIONS);
});

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
});

describe('licenses seed', () => {
  it('same seed and scale on a fresh database → identical rows', async () => {
    expect(await seededRows(OPTIONS)).toEqual(rows);
  });

  it('different seed → different rows', async () => {
    const other = await seededRows({ ...OPTIONS, seed: 8 });
    expect(other.map((row) => row.license_no)).not.toEqual(rows.map((row) => row.license_no));
  });

  it('writes as many licenses as the seed volumes say', () => {
    expect(rows).toHaveLength(seedWorld(OPTIONS).volumes.licenses);
  });

  it('every holder key → a person or an enterprise of the seed world, by kind', () => {
    const world = seedWorld(OPTIONS);
    const persons = new Set(world.personIds);
    const enterprises = new Set(world.creditCodes);
    const misplaced = rows.filter((row) =>
      row.holder_kind === 'PERSON'
        ? !persons.has(row.holder_id) || !['DRIVING_LICENSE', 'MARRIAGE_CERTIFICATE'].includes(row.kind)
        : !enterprises.has(row.holder_id) || !['BUSINESS_LICENSE', 'FOOD_OPERATION_PERMIT'].includes(row.kind),
    );
    expect(misplaced).toEqual([]);
  });

  it('most enterprises hold a business license numbered with their credit code', () => {
    const business = rows.filter((row) => row.kind === 'BUSINESS_LICENSE');
    expect(business.every((row) => row.license_no === row.holder_id && isValidCreditCode(row.license_no))).toBe(true);
    expect(new Set(business.map((row) => row.holder_id)).size).toBeGreaterThanOrEqual(0.8 * seedWorld(OPTIONS).volumes.enterprises);
  });

  it('license numbers → the format of their kind', () => {
    const formats: Record<string, RegExp> = {
      BUSINESS_LICENSE: /^[0-9A-HJ-NPQRTUWXY]{18}$/,
      FOOD_OPERATION_PERMIT: /^JY[123]\d{13}$/,
      DRIVING_LICENSE: /^\d{12}$/,
      MARRIAGE_CERTIFICATE: /^J\d{6}-\d{4}-\d{6,}$/,
    };
    expect(rows.filter((row) => !formats[row.kind].test(row.license_no))).toEqual([]);
  });

  it('every kind of license is issued', () => {
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['BUSINESS_LICENSE', 'FOOD_OPERATION_PERMIT', 'DRIVING_LICENSE', 'MARRIAGE_CERTIFICATE']));
  });

  it('most licenses → VALID, and some are EXPIRED or REVOKED', () => {
    const valid = rows.filter((row) => row.status === 'VALID').length;
    expect(valid / rows.length).toBeGreaterThan(0.8);
    expect(rows.some((row) => row.status === 'EXPIRED')).toBe(true);
    expect(rows.some((row) => row.status === 'REVOKED')).toBe(true);
  });

  it('EXPIRED licenses → validUntil in the past, after issuedOn', () => {
    const expired = rows.filter((row) => row.status === 'EXPIRED');
    expect(expired.filter((row) => !(row.valid_until && row.valid_until < today && row.issued_on < row.valid_until))).toEqual([]);
  });

  it('VALID licenses → in force on the day the seed describes', () => {
    const asOf = isoDay(AS_OF);
    const valid = rows.filter((row) => row.status === 'VALID');
    expect(valid.filter((row) => !(row.issued_on <= asOf && (row.valid_until === null || row.valid_until > asOf)))).toEqual([]);
  });

  it('marriage certificates and some business licenses → no validUntil', () => {
    expect(rows.filter((row) => row.kind === 'MARRIAGE_CERTIFICATE').every((row) => row.valid_until === null)).toBe(true);
    expect(rows.some((row) => row.kind === 'BUSINESS_LICENSE' && row.valid_until === null)).toBe(true);
  });

  it('person licenses → issued after the holder came of age', () => {
    const tooYoung = rows.filter((row) => {
      if (row.holder_kind !== 'PERSON') return false;
      const birth = residentIdBirthDate(row.holder_id);
      const age = Number(row.issued_on.slice(0, 4)) - Number(birth.slice(0, 4)) - (row.issued_on.slice(5) < birth.slice(5) ? 1 : 0);
      return age < (row.kind === 'DRIVING_LICENSE' ? 18 : 22);
    });
    expect(tooYoung).toEqual([]);
  });

  it('issuers → authorities named for their kind', () => {
    const authority: Record<string, RegExp> = {
      BUSINESS_LICENSE: /市场监督管理局$/,
      FOOD_OPERATION_PERMIT: /市场监督管理局$/,
      DRIVING_LICENSE: /公安局(交通管理局|交通警察支队)$/,
      MARRIAGE_CERTIFICATE: /区民政局$/,
    };
    expect(rows.filter((row) => !authority[row.kind].test(row.issuer))).toEqual([]);
  });
});
