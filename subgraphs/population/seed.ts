import type { Kysely } from 'kysely';
import { createRandom, insertInChunks, personName, regionByCode, residentIdBirthDate, residentIdGender, seedWorld, streetAddress, type Random, type SeedOptions } from '../kit';
import type { PersonRow, PopulationDatabase } from './database';

/** Roughly the shares of the 2020 census: 汉族 about 91%, then the largest minorities. */
const ETHNICITIES = {
  汉族: 910,
  壮族: 14,
  回族: 8,
  满族: 8,
  维吾尔族: 8,
  苗族: 8,
  彝族: 7,
  土家族: 7,
  藏族: 5,
  蒙古族: 5,
} as const;

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '184',
  '185',
  '186',
  '187',
  '188',
  '189',
];

function mobilePhone(random: Random): string | null {
  if (!random.chance(0.9)) return null;
  return random.pick(MOBILE_PREFIXES) + String(random.int(0, 99_999_999)).padStart(8, '0');
}

/** The registry's record for an ID number: gender, birth date and hukou region follow from it. */
function personFor(idNumber: string, random: Random): PersonRow {
  const region = regionByCode(idNumber.slice(0, 6));
  if (!region) throw new Error(`population seed: ID number region ${idNumber.slice(0, 6)} is not in the kit's REGIONS`);
  return {
    id_number: idNumber,
    name: personName(random),
    gender: residentIdGender(idNumber),
    birth_date: residentIdBirthDate(idNumber),
    ethnicity: random.weighted(ETHNICITIES),
    household_address: streetAddress(region, random),
    phone: mobilePhone(random),
  };
}

/** One person per ID number of the seed world, in one transaction. */
export async function seed(db: Kysely<PopulationDatabase>, options: SeedOptions): Promise<void> {
  const random = createRandom(options.seed, 'population.persons');
  const rows = seedWorld(options).personIds.map((idNumber) => personFor(idNumber, random));
  await db.transaction().execute(async (trx) => {
    await insertInChunks(rows, (chunk) => trx.insertInto('persons').values(chunk).execute());
  });
}
