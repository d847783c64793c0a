import type { Access, FieldDecision } from '../../policies';
import type { AuditDecision } from './AuditRecord';

/** The policy decisions of one request as the record keeps them, sorted by coordinate. */
export function auditDecisionsOf(decisions: readonly FieldDecision[] = []): AuditDecision[] {
  return decisions
    .map((decision): AuditDecision => ({
      coordinate: decision.coordinate,
      decision: decision.others.kind,
      ...maskOf(decision.others),
      ...(decision.own && { own: decision.own.kind }),
      ...(decision.caseParty && { caseParty: decision.caseParty.kind }),
      ...(decision.grant && { grant: decision.grant }),
      ...(decision.rule && { rule: `${decision.rule.file}:${decision.rule.line}` }),
    }))
    .sort((a, b) => (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0));
}

function maskOf(access: Access): Pick<AuditDecision, 'mask'> {
  switch (access.kind) {
    case 'MASK':
      return { mask: access.mask };
    case 'ALLOW':
    case 'DENY':
      return {};
    default:
      return unreachable(access);
  }
}

function unreachable(value: never): never {
  throw new Error(`Unexpected access ${JSON.stringify(value)}`);
}
