import type { Insertable, Kysely } from 'kysely';
import { createRandom, insertInChunks, residentIdBirthDate, seedWorld, type Random, type SeedOptions } from '../kit';
import type { LicenseStatus, LicensesDatabase, LicensesTable } from './database';
import { civilAffairsBureau, marketRegulator, trafficAuthority } from './issuers';
import { createLicenseNumbers } from './licenseNumbers';
import { AS_OF, addDays, addYears, dayBetween, isoDay, parseDay } from './seedCalendar';

type LicenseRow = Insertable<LicensesTable>;

/**
 * Issues licenses to the persons and enterprises of the seed world: a business license to
 * most enterprises, food operation permits to some, driving licenses and marriage
 * certificates to adults; `volumes.licenses` rows in all, mostly valid.
 */
export async function seed(db: Kysely<LicensesDatabase>, options: SeedOptions): Promise<void> {
  const world = seedWorld(options);
  const numbers = createLicenseNumbers(createRandom(options.seed, 'licenses.numbers'));
  const rows = enterpriseLicenses(createRandom(options.seed, 'licenses.enterprises'), world.creditCodes, numbers).slice(0, world.volumes.licenses);
  rows.push(...personLicenses(createRandom(options.seed, 'licenses.persons'), world.personIds, world.volumes.licenses - rows.length, numbers));
  await db.transaction().execute(async (trx) => {
    await insertInChunks(rows, (chunk) => trx.insertInto('licenses').values(chunk).execute());
  });
}

type Numbers = ReturnType<typeof createLicenseNumbers>;

/** Issue and expiry days consistent with the status; `term` in years, null for 长期 (no expiry). */
function validity(random: Random, status: LicenseStatus, term: number | null, earliest: number): { issued_on: string; valid_until: string | null } | null {
  if (status === 'EXPIRED') {
    if (term === null) return null;
    const validUntil = dayBetween(random, addYears(AS_OF, -3), addDays(AS_OF, -1));
    const issuedOn = addYears(validUntil, -term);
    if (issuedOn < earliest) return null;
    return { issued_on: isoDay(issuedOn), valid_until: isoDay(validUntil) };
  }
  // Still in its term on AS_OF, with at least a year to run.
  const from = Math.max(earliest, term === null ? addYears(AS_OF, -20) : addYears(AS_OF, 1 - term));
  const issuedOn = dayBetween(random, Math.min(from, addDays(AS_OF, -1)), addDays(AS_OF, -1));
  return { issued_on: isoDay(issuedOn), valid_until: term === null ? null : isoDay(addYears(issuedOn, term)) };
}

/** Status and dates; a license that cannot have expired yet (its holder too young) gets `otherwise`. */
function issued(random: Random, status: LicenseStatus, term: number | null, earliest: number, otherwise: LicenseStatus = 'VALID') {
  const dates = validity(random, status, term, earliest);
  return dates ? { status, ...dates } : { status: otherwise, ...validity(random, otherwise, term, earliest)! };
}

function enterpriseLicenses(random: Random, creditCodes: readonly string[], numbers: Numbers): LicenseRow[] {
  const rows: LicenseRow[] = [];
  const earliest = Date.UTC(1995, 0, 1);
  for (const creditCode of creditCodes) {
    const regionCode = creditCode.slice(2, 8);
    if (random.chance(0.92)) {
      // Most enterprises register for an unlimited term (营业期限 长期); only a fixed term expires.
      const status = random.weighted({ VALID: 94, REVOKED: 4, EXPIRED: 2 });
      const term = status !== 'EXPIRED' && random.chance(0.7) ? null : random.pick([20, 30]);
      rows.push({
        license_no: numbers.businessLicense(creditCode),
        kind: 'BUSINESS_LICENSE',
        holder_kind: 'ENTERPRISE',
        holder_id: creditCode,
        issuer: marketRegulator(regionCode, random.chance(0.2)),
        ...issued(random, status, term, earliest),
      });
    }
    if (random.chance(0.3)) {
      rows.push({
        license_no: numbers.foodOperationPermit(regionCode),
        kind: 'FOOD_OPERATION_PERMIT',
        holder_kind: 'ENTERPRISE',
        holder_id: creditCode,
        issuer: marketRegulator(regionCode, false),
        ...issued(random, random.weighted({ VALID: 88, EXPIRED: 9, REVOKED: 3 }), 5, earliest),
      });
    }
  }
  return rows;
}

type PersonSlot = { idNumber: string; kind: 'DRIVING_LICENSE' | 'MARRIAGE_CERTIFICATE' };

/** `count` licenses spread over adults: at most one current license of each kind per person. */
function personLicenses(random: Random, personIds: readonly string[], count: number, numbers: Numbers): LicenseRow[] {
  const slots: PersonSlot[] = [];
  for (const idNumber of personIds) {
    const birth = parseDay(residentIdBirthDate(idNumber));
    if (addYears(birth, 18) < addDays(AS_OF, -60)) slots.push({ idNumber, kind: 'DRIVING_LICENSE' });
    if (addYears(birth, 22) < addDays(AS_OF, -60)) slots.push({ idNumber, kind: 'MARRIAGE_CERTIFICATE' });
  }
  for (let i = slots.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const rows: LicenseRow[] = [];
  // Should the world have more licenses than slots, later rounds are earlier, superseded licenses.
  for (let i = 0; i < count && slots.length > 0; i++) {
    rows.push(personLicense(random, slots[i % slots.length], i >= slots.length, numbers));
  }
  return rows;
}

function personLicense(random: Random, { idNumber, kind }: PersonSlot, superseded: boolean, numbers: Numbers): LicenseRow {
  const regionCode = idNumber.slice(0, 6);
  const birth = parseDay(residentIdBirthDate(idNumber));
  const holder = { holder_kind: 'PERSON' as const, holder_id: idNumber };
  if (kind === 'DRIVING_LICENSE') {
    // A first license runs 6 years, a renewed one 10, then without limit; only a fixed term expires.
    const status = superseded ? 'EXPIRED' : random.weighted({ VALID: 91, EXPIRED: 7, REVOKED: 2 });
    const term = random.weighted(status === 'EXPIRED' ? { six: 45, ten: 55, none: 0 } : { six: 35, ten: 45, none: 20 });
    const dates = issued(
      random,
      status,
      term === 'six' ? 6 : term === 'ten' ? 10 : null,
      Math.max(addYears(birth, 18), Date.UTC(1990, 0, 1)),
      // A superseded license is never the one in force.
      superseded ? 'REVOKED' : 'VALID',
    );
    return { license_no: numbers.drivingLicense(regionCode), kind, ...holder, issuer: trafficAuthority(regionCode), ...dates };
  }
  // A marriage certificate never expires; divorce ends it.
  const dates = issued(random, superseded ? 'REVOKED' : random.weighted({ VALID: 97, REVOKED: 3 }), null, Math.max(addYears(birth, 22), Date.UTC(1980, 0, 1)));
  return { license_no: numbers.marriageCertificate(regionCode, dates.issued_on), kind, ...holder, issuer: civilAffairsBureau(regionCode), ...dates };
}
