import { ALLOW, DENY, masked, type CompiledField, type CompiledGrant } from './compileRules';
import type { Access, FieldDecision, Reader } from './types';

interface Outcome {
  access: Access;
  grant: CompiledGrant;
  revealed: boolean;
}

/**
 * Read once: the walks over every reader class (`policy diff`, `policy check`, the catalog) freeze
 * hundreds of thousands of decisions, and where globals sit behind an interceptor (a `vm` context,
 * as the test runner runs the code in) looking up `Object` each time cost more than the deciding.
 */
const { freeze } = Object;
const RANK = { DENY: 0, MASK: 1, ALLOW: 2 } as const;

function rank(outcome: Outcome | null): number {
  return outcome ? RANK[outcome.access.kind] : 0;
}

/** The best of the grants that match this reader: ALLOW > MASK > DENY; the first in file order on a tie. */
function best(grants: CompiledGrant[], reader: Reader): Outcome | null {
  const { identity, purpose } = reader;
  let found: Outcome | null = null;
  for (const grant of grants) {
    // Anonymous readers can only match public grants.
    if (identity === null ? !grant.public : !grant.matches(identity, purpose)) continue;
    const revealed = grant.mask !== null && identity !== null && grant.reveal.some((matches) => matches(identity, purpose));
    const outcome: Outcome = { access: grant.mask === null || revealed ? ALLOW : masked(grant.mask), grant, revealed };
    if (rank(outcome) > rank(found) || found === null) found = outcome;
    if (outcome.access.kind === 'ALLOW') break;
  }
  return found;
}

function who(reader: Reader): string {
  const { identity, purpose } = reader;
  const name =
    identity === null ? 'anonymous reader' : `${identity.roles.length > 0 ? identity.roles.join(', ') : 'reader with no role'}${identity.dept ? ` of ${identity.dept}` : ''}`;
  return purpose ? `${name} with purpose ${purpose}` : name;
}

function verdict(outcome: Outcome): string {
  const { access, grant, revealed } = outcome;
  switch (access.kind) {
    case 'ALLOW':
      return revealed ? `allowed unmasked by ${grant.at} (the reader is in its reveal list)` : `allowed by ${grant.at}`;
    case 'MASK':
      return `masked (${access.mask}) by ${grant.at}`;
    case 'DENY':
      return `denied by ${grant.at}`;
  }
}

/**
 * The decision for one covered field and one reader. `others` is the best matching
 * non-self grant (DENY when none matches); `own`, present when a `self` grant matches a
 * signed-in reader, is the best of the matching self grants and `others`.
 */
export function decideField(field: CompiledField, reader: Reader): FieldDecision {
  const others = best(field.grants, reader);
  const ownSelf = reader.identity === null ? null : best(field.selfGrants, reader);
  const own = ownSelf === null ? null : rank(others) > rank(ownSelf) ? others! : ownSelf;

  const othersText = others ? verdict(others) : `denied: no grant of ${field.coordinate} (${field.at}) matches`;
  const ownText = own ? `; own record: ${verdict(own)}` : '';
  const decision: FieldDecision = {
    coordinate: field.coordinate,
    others: others?.access ?? DENY,
    rule: others?.grant.source ?? own?.grant.source ?? field.source,
    reason: `${who(reader)}: ${othersText}${ownText}`,
  };
  if (own) decision.own = own.access;
  return freeze(decision);
}
