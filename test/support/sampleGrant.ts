import type { AccessGrant } from '../../policies/grants';

/** A case-bound grant of the household address to market reviewers, as the catalog publishes it. */
export const SAMPLE_GRANT: AccessGrant = Object.freeze({
  id: 'G-000001',
  applicationId: 'AA-000001',
  grantee: 'market',
  provider: 'population',
  coordinates: ['Person.householdAddress'],
  purpose: 'application-review',
  until: '2027-05-31T15:59:59.999Z',
  caseBound: true,
  approvedBy: 'officer-0001',
  approvedAt: '2026-11-27T08:00:00.000Z',
});
