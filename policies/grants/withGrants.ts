import type { FieldDecision, PolicySet, Reader } from '../engine/types';
import type { GrantIndex } from './GrantIndex';
import type { AccessGrant } from './types';

const ALLOW = Object.freeze({ kind: 'ALLOW' as const });

function granted(grant: AccessGrant): string {
  return `grant ${grant.id} (application ${grant.applicationId}, approved by ${grant.approvedBy}, until ${grant.until})`;
}

/**
 * The policies with the access grants in force laid over them: the decision the files give,
 * widened where an unexpired grant names the reader's department, the declared purpose and
 * the field. An open grant allows the field; a case-bound grant allows it only on the
 * records of the parties to the case the request names (`caseParty`, decided by the owning
 * subgraph), and only when the request names one. Grants never narrow a decision; a
 * reader without a department (a citizen, an anonymous visitor) or without a purpose gets
 * none, and no grant opens a field the policies in force do not share.
 */
export function withGrants(policies: PolicySet, grants: GrantIndex, now: () => number = Date.now): PolicySet {
  if (grants.size === 0) return policies;
  // A field the policies in force no longer share (`sharing: none`) is closed to every grant:
  // a grant approved before that change does not outlive it.
  const notShared = new Set(
    policies
      .catalog()
      .filter((entry) => entry.sharing === 'none')
      .map((entry) => entry.coordinate),
  );
  return Object.freeze({
    ...policies,
    // A grant widens one field and not another with the same rule: no two fields are known to decide alike.
    accessKey: undefined,
    decide(coordinate: string, reader: Reader): FieldDecision {
      const decision = policies.decide(coordinate, reader);
      const dept = reader.identity?.dept;
      if (!dept || !reader.purpose || decision.others.kind === 'ALLOW' || notShared.has(coordinate)) return decision;
      const { open, caseBound } = grants.applicable(coordinate, dept, reader.purpose, now());
      if (open) {
        return { ...decision, others: ALLOW, grant: open.id, reason: `allowed by ${granted(open)}` };
      }
      if (!caseBound) return decision;
      if (!reader.caseId) {
        return { ...decision, caseRequiredBy: caseBound.id, reason: `${decision.reason}; ${granted(caseBound)} is bound to a service case: name it in X-Case-Id` };
      }
      return {
        ...decision,
        caseParty: ALLOW,
        grant: caseBound.id,
        reason: `${decision.reason}; on the records of the parties to case ${reader.caseId} while it is under review: allowed by ${granted(caseBound)}`,
      };
    },
  });
}
