import type { SelectQueryBuilder } from 'kysely';
import type { Staff } from './context';
import type { CatalogDatabase } from './database';

/**
 * Who sees which applications and grants: an officer sees their department's, as provider
 * (to decide them) and as applicant department; any other staff member sees the ones they
 * filed themselves.
 */
export function visibleApplications<O>(query: SelectQueryBuilder<CatalogDatabase, 'access_applications', O>, staff: Staff) {
  if (staff.roles.includes('officer')) return query.where((eb) => eb.or([eb('provider', '=', staff.dept), eb('applicant_department', '=', staff.dept)]));
  return query.where('applicant', '=', staff.sub);
}

export function visibleGrants<O>(query: SelectQueryBuilder<CatalogDatabase, 'access_grants', O>, staff: Staff) {
  if (staff.roles.includes('officer')) return query.where((eb) => eb.or([eb('provider', '=', staff.dept), eb('grantee', '=', staff.dept)]));
  return query.where('application_id', 'in', (eb) => eb.selectFrom('access_applications').select('id').where('applicant', '=', staff.sub));
}

export function isVisibleApplication(application: { provider: string; applicantDepartment: string; applicant: string }, staff: Staff): boolean {
  if (staff.roles.includes('officer')) return application.provider === staff.dept || application.applicantDepartment === staff.dept;
  return application.applicant === staff.sub;
}
