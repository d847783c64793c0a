import { isValidCreditCode, isValidResidentIdNumber, type WriteBackAction } from '../kit';
import type { HolderKind, LicenseKind, LicensesDatabase } from './database';
import { civilAffairsBureau, marketRegulator, trafficAuthority } from './issuers';
import { issuedLicenseNumber } from './issuedLicenseNumber';

const KINDS: Record<LicenseKind, { holder: HolderKind; issuer(regionCode: string): string }> = {
  BUSINESS_LICENSE: { holder: 'ENTERPRISE', issuer: (region) => marketRegulator(region, false) },
  FOOD_OPERATION_PERMIT: { holder: 'ENTERPRISE', issuer: (region) => marketRegulator(region, false) },
  DRIVING_LICENSE: { holder: 'PERSON', issuer: trafficAuthority },
  MARRIAGE_CERTIFICATE: { holder: 'PERSON', issuer: civilAffairsBureau },
};

const FIELDS = new Set(['kind', 'validUntil']);
const DAY = /^\d{4}-\d\d-\d\d$/;

function isDay(value: string): boolean {
  return DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** The holder's registry and the region their code names (a resident's household, an enterprise's registration). */
function holderOf(key: string): { kind: HolderKind; region: string } | null {
  if (isValidResidentIdNumber(key)) return { kind: 'PERSON', region: key.slice(0, 6) };
  if (isValidCreditCode(key)) return { kind: 'ENTERPRISE', region: key.slice(2, 8) };
  return null;
}

/**
 * `issueLicense`: a completed application issues a license (a business license on registering an
 * enterprise, a marriage certificate on registering a marriage). The event's target is the
 * License to its holder (`target.key`: a unified social credit code or a resident ID number);
 * `values.kind` is its kind, `values.validUntil` (YYYY-MM-DD) optional. Issued on the day the
 * application completed, valid, by the authority of the kind in the holder's region, numbered
 * from the event (`issuedLicenseNumber`).
 */
export const issueLicense: WriteBackAction<LicensesDatabase> = {
  async apply(trx, event) {
    if (event.target.type !== 'License') return { kind: 'refused', reason: 'licenses issues License records alone' };
    for (const field of Object.keys(event.values)) {
      if (!FIELDS.has(field)) return { kind: 'refused', reason: `licenses does not write License.${field}` };
    }
    const holder = holderOf(event.target.key);
    if (!holder) return { kind: 'refused', reason: 'holder is not a valid unified social credit code or resident ID number' };
    const kind = event.values.kind;
    if (typeof kind !== 'string' || !Object.hasOwn(KINDS, kind)) {
      return { kind: 'refused', reason: `invalid license kind: expected one of ${Object.keys(KINDS).join(', ')}` };
    }
    const licenseKind = kind as LicenseKind;
    if (KINDS[licenseKind].holder !== holder.kind) {
      return {
        kind: 'refused',
        reason: `a ${licenseKind} is issued to ${KINDS[licenseKind].holder === 'PERSON' ? 'a person' : 'an enterprise'}, not to ${holder.kind === 'PERSON' ? 'a person' : 'an enterprise'}`,
      };
    }
    const issuedOn = event.completedAt.slice(0, 10);
    if (!isDay(issuedOn)) return { kind: 'refused', reason: 'completedAt is not a date' };
    const validUntil = event.values.validUntil ?? null;
    if (validUntil !== null && (typeof validUntil !== 'string' || !isDay(validUntil) || validUntil < issuedOn)) {
      return { kind: 'refused', reason: 'validUntil is not a date (YYYY-MM-DD) on or after the day of issue' };
    }
    let issuer: string;
    try {
      issuer = KINDS[licenseKind].issuer(holder.region);
    } catch {
      return { kind: 'refused', reason: "the holder's region has no issuing authority in the license library" };
    }
    const licenseNo = issuedLicenseNumber(licenseKind, issuedOn, event.id);
    await trx
      .insertInto('licenses')
      .values({
        license_no: licenseNo,
        kind: licenseKind,
        holder_kind: holder.kind,
        holder_id: event.target.key,
        issuer,
        issued_on: issuedOn,
        valid_until: validUntil,
        status: 'VALID',
      })
      .execute();
    return { kind: 'applied', record: { type: 'License', key: licenseNo }, subject: holder.kind === 'PERSON' ? event.target.key : null };
  },
};
