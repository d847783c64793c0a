import type { GraphClient } from '../graphClient';

/** The service case a request names, as far as case-bound grants care. */
export interface CaseParties {
  caseId: string;
  /** ACCEPTED: under review. A case-bound grant reads nothing in a case in any other state. */
  underReview: boolean;
  /**
   * The platform department that handles the case (its service item's `handledBy`); null when
   * the responsible agency is not on the platform. A case-bound grant reads only in the
   * grantee department's own cases.
   */
  handledBy: string | null;
  /** Keys of the case's parties: the applicant's resident ID number, the enterprise's credit code. */
  parties: ReadonlySet<string>;
}

/**
 * The purpose the lookup declares: the policies reveal the parties' keys to the department's
 * own account for it (population: `Person.idNumber`), as a match needs them unmasked.
 */
export const CASE_BINDING_PURPOSE = 'case-binding';

const CASE_QUERY = `query CaseParties($id: ID!) {
  application(id: $id) { status item { handledBy } applicant { idNumber } enterprise { creditCode } }
}`;

interface CaseAnswer {
  application: {
    status: string;
    item: { handledBy: string | null };
    applicant: { idNumber: string };
    enterprise: { creditCode: string } | null;
  } | null;
}

/**
 * Looks the case up through the graph (the services department owns it). Null when there is
 * no such case or it cannot be read now: then no case-bound grant applies (fail closed).
 */
export async function lookupCaseParties(graph: GraphClient, caseId: string): Promise<CaseParties | null> {
  let answer: CaseAnswer;
  try {
    answer = await graph.query<CaseAnswer>(CASE_QUERY, { id: caseId }, { purpose: CASE_BINDING_PURPOSE });
  } catch {
    return null;
  }
  const application = answer.application;
  if (!application) return null;
  const parties = new Set([application.applicant.idNumber]);
  if (application.enterprise) parties.add(application.enterprise.creditCode);
  return { caseId, underReview: application.status === 'ACCEPTED', handledBy: application.item.handledBy ?? null, parties };
}
