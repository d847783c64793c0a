import type { Kysely } from 'kysely';
import {
  isValidResidentIdNumber,
  migrateToLatest,
  openDatabase,
  regionByCode,
  residentIdBirthDate,
  residentIdGender,
  seedWorld,
  type DepartmentDatabase,
  type SeedOptions,
} from '../../subgraphs/kit';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import { population } from '../../subgraphs/population';

const OPTIONS: SeedOptions = { seed: 7, scale: 0.1 };
const opened: DepartmentDatabase<PopulationDatabase>[] = [];

/** A fresh in-memory population database seeded with `options`; its rows in key order. */
async function seededRows(options: SeedOptions): Promise<PersonRow[]> {
  const database = await openDatabase<PopulationDatabase>({ department: 'population', file: ':memory:' });
  opened.push(database);
  await migrateToLatest('population', database.db as Kysely<any>, population.migrations);
  await population.seed(database.db, options);
  return database.db.selectFrom('persons').selectAll().orderBy('id_number').execute();
}

let rows: PersonRow[];

beforeAll(async () => {
  rows = await seededRows(OPTIONS);
});

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
});

describe('population seed', () => {
  it('same seed and scale on a fresh database → identical rows', async () => {
    expect(await seededRows(OPTIONS)).toEqual(rows);
  });

  it('different seed → different rows', async () => {
    const other = await seededRows({ ...OPTIONS, seed: 8 });
    expect(other.map((row) => row.id_number)).not.toEqual(rows.map((row) => row.id_number));
  });

  it('creates exactly one person per ID number of the seed world', () => {
    expect(rows.map((row) => row.id_number).sort()).toEqual([...seedWorld(OPTIONS).personIds].sort());
  });

  it('every ID number is a valid resident ID number', () => {
    expect(rows.filter((row) => !isValidResidentIdNumber(row.id_number))).toEqual([]);
  });

  it('every birth date and gender agree with the ID number', () => {
    const disagreeing = rows.filter((row) => row.birth_date !== residentIdBirthDate(row.id_number) || row.gender !== residentIdGender(row.id_number));
    expect(disagreeing).toEqual([]);
  });

  it('every household address lies in the region of the ID number', () => {
    const elsewhere = rows.filter((row) => !row.household_address.startsWith(regionByCode(row.id_number.slice(0, 6))!.district));
    expect(elsewhere).toEqual([]);
  });

  it('phones are null or 11-digit mobiles starting 13, 15 or 18', () => {
    const phones = rows.map((row) => row.phone);
    expect(phones.filter((phone) => phone !== null && !/^1[358]\d{9}$/.test(phone))).toEqual([]);
    expect(phones.filter((phone) => phone !== null).length).toBeGreaterThan(rows.length * 0.75);
  });

  it('most persons are 汉族 and some belong to minorities', () => {
    const han = rows.filter((row) => row.ethnicity === '汉族').length;
    expect(han).toBeGreaterThan(rows.length * 0.8);
    expect(han).toBeLessThan(rows.length);
  });
});
