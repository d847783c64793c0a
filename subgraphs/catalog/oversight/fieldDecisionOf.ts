import type { Access, FieldDecision } from '../../../policies';

/** What a FieldDecision of the catalog's schema says about one decision, bar where the field is selected. */
export interface DecisionView {
  access: Access['kind'];
  mask: string | null;
  ownRecord: Access['kind'] | null;
  caseParties: Access['kind'] | null;
  grant: string | null;
  rule: string;
}

const grants = (access: Access | undefined): boolean => access !== undefined && access.kind !== 'DENY';

/**
 * The engine's decision as `myAccess` shows it (own record only where a self rule gives
 * something else), with what decided it: the grant's sentence when an access grant widened
 * it; else the deciding rule as `file:line` when the decision gives the reader anything;
 * else the engine's sentence saying why no rule allows it.
 */
export function fieldDecisionOf(decision: FieldDecision): DecisionView {
  const { others, own, caseParty } = decision;
  const gives = grants(others) || grants(own) || grants(caseParty);
  const rule = decision.grant || !gives || !decision.rule ? decision.reason : `${decision.rule.file}:${decision.rule.line}`;
  return {
    access: others.kind,
    mask: others.kind === 'MASK' ? others.mask : null,
    ownRecord: own && own.kind !== others.kind ? own.kind : null,
    caseParties: caseParty?.kind ?? null,
    grant: decision.grant ?? null,
    rule,
  };
}
