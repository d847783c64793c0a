import type { MaskName } from '../masks';
import type { Access, FieldDecision } from './types';

/**
 * What a reader actually gets for a field, as the gateway enforces a decision: the access
 * to other people's records, or — when that is DENY but a `self` grant matches — access to
 * their own records only (the owning department decides record by record).
 *
 * An entity key (`PolicySet.isKeyField`) is the exception: departments exchange keys in
 * the clear, so the gateway decides them value by value and knows a value is the reader's
 * own only when it IS the reader's `sub` (a citizen's Person.idNumber); `bySub` says so.
 * The number of a citizen's own application is therefore withheld from them.
 */
export type EffectiveAccess =
  { kind: 'ALLOW' } | { kind: 'MASK'; mask: MaskName } | { kind: 'DENY' } | { kind: 'OWN_ONLY'; own: { kind: 'ALLOW' } | { kind: 'MASK'; mask: MaskName }; bySub: boolean };

export function effectiveAccess(decision: Pick<FieldDecision, 'others' | 'own'>, isKey = false): EffectiveAccess {
  const { others, own } = decision;
  if (others.kind !== 'DENY') return others;
  return own === undefined || own.kind === 'DENY' ? others : { kind: 'OWN_ONLY', own, bySub: isKey };
}

/** `ALLOW`, `MASK(phone)`, `DENY`: one access as officers read it. */
export function formatAccess(access: Access): string {
  switch (access.kind) {
    case 'ALLOW':
      return 'ALLOW';
    case 'MASK':
      return `MASK(${access.mask})`;
    case 'DENY':
      return 'DENY';
  }
}

/**
 * `ALLOW`, `MASK(phone)`, `DENY`, `ALLOW own record only`, `ALLOW if it is the reader's
 * sub` (a key): the words explain, diff and matrix share. `compact` (for the matrix's
 * narrow cells) writes own-record access as `own only` / `own only, MASK(phone)` /
 * `own only (sub)`.
 */
export function formatEffectiveAccess(access: EffectiveAccess, options: { compact?: boolean } = {}): string {
  switch (access.kind) {
    case 'ALLOW':
    case 'MASK':
    case 'DENY':
      return formatAccess(access);
    case 'OWN_ONLY':
      if (!options.compact) return `${formatAccess(access.own)} ${access.bySub ? "if it is the reader's sub" : 'own record only'}`;
      return `own only${access.bySub ? ' (sub)' : ''}${access.own.kind === 'ALLOW' ? '' : `, ${formatAccess(access.own)}`}`;
  }
}
