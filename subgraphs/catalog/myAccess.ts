import { withGrants, type AccessGrant } from '../../policies/grants';
import type { Access, Reader } from '../../policies';
import type { CatalogContext } from './context';
import type { SharingTypeEnum } from './listCatalog';

export interface FieldAccessRecord {
  coordinate: string;
  department: string;
  sharingType: SharingTypeEnum;
  access: Access['kind'];
  mask: string | null;
  ownRecord: Access['kind'] | null;
  caseParties: Access['kind'] | null;
  grants: AccessGrant[];
  applicable: boolean;
}

/**
 * `Query.myAccess`: for the caller and the purpose the request declares, what the gateway
 * would decide for every field of the catalog — the policies with the grants in force laid
 * over them, as the store publishes them — and where an application is possible: a DENY on
 * a conditional field, for staff of a department.
 */
export async function myAccess(ctx: CatalogContext, department: string | null | undefined): Promise<FieldAccessRecord[]> {
  const { catalog, grants } = ctx.services;
  const snapshot = grants.snapshot();
  const policies = withGrants(catalog.policies(), grants.index());
  const reader: Reader = { identity: ctx.identity, purpose: ctx.purpose, caseId: ctx.caseId };
  const dept = ctx.identity?.dept ?? null;
  const now = Date.now();
  const ofDepartment = dept ? snapshot.grants.filter((grant) => grant.grantee === dept && Date.parse(grant.until) > now) : [];
  return (await catalog.entries())
    .filter((entry) => !department || entry.department === department)
    .map((entry) => {
      const decision = policies.decide(entry.coordinate, reader);
      const own = decision.own && decision.own.kind !== decision.others.kind ? decision.own.kind : null;
      return {
        coordinate: entry.coordinate,
        department: entry.department,
        sharingType: entry.sharing.toUpperCase() as SharingTypeEnum,
        access: decision.others.kind,
        mask: decision.others.kind === 'MASK' ? decision.others.mask : null,
        ownRecord: own,
        caseParties: decision.caseParty?.kind ?? null,
        grants: ofDepartment.filter((grant) => grant.coordinates.includes(entry.coordinate)),
        applicable: dept !== null && decision.others.kind === 'DENY' && entry.sharing === 'conditional',
      };
    });
}
