import { CODES } from '../../kit';
import type { AuditAccess, AuditOutcome, AuditRecord } from '../../../gateway/audit';
import { maskPersonalText } from '../../../schema/contracts/logger/maskPersonalText';

/** `AuditDecisionView` in the catalog's schema. */
export interface AuditDecisionView {
  coordinate: string;
  decision: AuditAccess;
  mask: string | null;
  own: AuditAccess | null;
  caseParty: AuditAccess | null;
  grant: string | null;
  rule: string | null;
}

/** `AuditRecordView` in the catalog's schema. */
export interface AuditRecordView {
  requestId: string;
  at: string;
  reader: string | null;
  roles: string[];
  department: string | null;
  purpose: string | null;
  caseId: string | null;
  operationType: string | null;
  operationName: string | null;
  outcome: AuditOutcome['kind'];
  codes: string[];
  departments: string[];
  decisions: AuditDecisionView[];
}

/** A text the ledger holds as a client or gateway wrote it, with any resident ID number or phone number in it masked. */
const text = (value: string | null): string | null => (value === null ? null : maskPersonalText(value));

/** The codes of the answer the record describes: a refused token answered UNAUTHENTICATED. */
function codesOf(outcome: AuditOutcome): string[] {
  switch (outcome.kind) {
    case 'ok':
      return [];
    case 'errors':
    case 'rejected':
      return outcome.codes;
    case 'unauthenticated':
      return [CODES.UNAUTHENTICATED];
    default:
      return unreachable(outcome);
  }
}

/**
 * One record for the console. Left out: the record keys (the ID arguments the request named),
 * the write-back's record and reason, the hashes and signature. The reader's subject is as the
 * ledger stores it (a resident ID number as its pseudonym); texts from older records or from
 * clients are masked, so that no ID number leaves in the clear.
 */
export function auditRecordView(record: AuditRecord): AuditRecordView {
  return {
    requestId: maskPersonalText(record.requestId),
    at: record.time,
    reader: text(record.identity?.sub ?? null),
    roles: record.identity?.roles ?? [],
    department: record.identity?.dept ?? null,
    purpose: text(record.purpose),
    caseId: text(record.caseId),
    operationType: record.policyChange ? 'policy-change' : record.operation.type,
    operationName: text(record.operation.name),
    outcome: record.outcome.kind,
    codes: codesOf(record.outcome),
    departments: record.subgraphs,
    decisions: record.decisions.map((decision) => ({
      coordinate: decision.coordinate,
      decision: decision.decision,
      mask: decision.mask ?? null,
      own: decision.own ?? null,
      caseParty: decision.caseParty ?? null,
      grant: decision.grant ?? null,
      rule: decision.rule ?? null,
    })),
  };
}

function unreachable(value: never): never {
  throw new Error(`Unexpected audit outcome ${JSON.stringify(value)}`);
}
