import type { Kysely } from 'kysely';
import type { SeedOptions } from '../kit';
import type { CatalogDatabase } from './database';
import { formatId } from './nextId';

interface SeedApplication {
  applicant: string;
  applicantDepartment: string;
  provider: string;
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  appliedAt: string;
  until: string;
  caseBound: boolean;
}

/**
 * A few applications waiting for a decision, the same whatever the seed or scale (fixed
 * times, so a seed never depends on today): what a provider's officer finds on their desk.
 */
export const SEED_APPLICATIONS: readonly SeedApplication[] = [
  {
    // The README's reviewer (staff-0002, market) wants applicants' household addresses while reviewing.
    applicant: 'staff-0002',
    applicantDepartment: 'market',
    provider: 'population',
    coordinates: ['Person.householdAddress'],
    purpose: 'application-review',
    legalBasis: '《中华人民共和国行政许可法》第三十四条：行政机关应当对申请人提交的申请材料进行审查。',
    appliedAt: '2026-11-20T01:30:00.000Z',
    until: '2027-05-31T15:59:59.999Z',
    caseBound: true,
  },
  {
    applicant: 'staff-0031',
    applicantDepartment: 'licenses',
    provider: 'population',
    coordinates: ['Person.birthDate', 'Person.gender'],
    purpose: 'license-verification',
    legalBasis: '《电子证照管理办法》：核验电子证照持证人身份信息。',
    appliedAt: '2026-11-21T02:00:00.000Z',
    until: '2027-11-20T15:59:59.999Z',
    caseBound: false,
  },
  {
    applicant: 'staff-0047',
    applicantDepartment: 'statistics',
    provider: 'market',
    coordinates: ['Enterprise.address'],
    purpose: 'statistics',
    legalBasis: '《中华人民共和国统计法》第七条：国家机关应当依法提供统计资料。',
    appliedAt: '2026-11-23T06:15:00.000Z',
    until: '2027-06-30T15:59:59.999Z',
    caseBound: false,
  },
];

/** The seed applications, PENDING with their APPLIED step. */
export async function seed(db: Kysely<CatalogDatabase>, _options: SeedOptions): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [index, application] of SEED_APPLICATIONS.entries()) {
      const id = formatId('application', index + 1);
      await trx
        .insertInto('access_applications')
        .values({
          id,
          applicant: application.applicant,
          applicant_department: application.applicantDepartment,
          provider: application.provider,
          coordinates: JSON.stringify([...application.coordinates].sort()),
          purpose: application.purpose,
          legal_basis: application.legalBasis,
          until: application.until,
          case_bound: application.caseBound ? 1 : 0,
          status: 'PENDING',
          applied_at: application.appliedAt,
          decided_at: null,
          decided_by: null,
          reason: null,
        })
        .execute();
      await trx
        .insertInto('access_events')
        .values({
          application_id: id,
          seq: 1,
          kind: 'APPLIED',
          actor: application.applicant,
          actor_department: application.applicantDepartment,
          at: application.appliedAt,
          reason: null,
        })
        .execute();
    }
    await trx.insertInto('catalog_counters').values({ name: 'application', last: SEED_APPLICATIONS.length }).execute();
  });
}
