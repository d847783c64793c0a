import type { ConditionModel, FieldRule, GrantModel } from './model';
import type { MaskName } from '../masks';
import type { Access, Identity, RuleSource } from './types';

/** A condition as a predicate over a signed-in reader and the declared purpose. */
export type Matcher = (identity: Identity, purpose: string | null) => boolean;

export interface CompiledGrant {
  source: RuleSource;
  /** `file:line` of `source`, written once: every decision's reason names it. */
  at: string;
  public: boolean;
  self: boolean;
  /** For signed-in readers (public grants match them too). */
  matches: Matcher;
  mask: MaskName | null;
  /** Reveal entries: a masked grant yields ALLOW to a reader matching any of them. */
  reveal: Matcher[];
}

export interface CompiledField {
  coordinate: string;
  /** Where the field's rule sits (the deciding rule when no grant matches). */
  source: RuleSource;
  /** `file:line` of `source`. */
  at: string;
  /** Grants that decide `others`, in file order. */
  grants: CompiledGrant[];
  /** `self: true` grants, which decide `own`. */
  selfGrants: CompiledGrant[];
}

export const ALLOW: Access = Object.freeze({ kind: 'ALLOW' });
export const DENY: Access = Object.freeze({ kind: 'DENY' });

const MASKED = new Map<MaskName, Access>();
export function masked(mask: MaskName): Access {
  let access = MASKED.get(mask);
  if (!access) MASKED.set(mask, (access = Object.freeze({ kind: 'MASK', mask })));
  return access;
}

function compileCondition(condition: ConditionModel): Matcher {
  const roles = condition.roles && new Set(condition.roles.map((r) => r.name));
  const departments = condition.departments && new Set(condition.departments.map((d) => d.name));
  const purposes = condition.purposes && new Set(condition.purposes.map((p) => p.name));
  const clearance = condition.clearance;
  return (identity, purpose) =>
    (roles === null || identity.roles.some((role) => roles.has(role))) &&
    (departments === null || (identity.dept !== null && departments.has(identity.dept))) &&
    (clearance === null || identity.clearance >= clearance) &&
    (purposes === null || (purpose !== null && purposes.has(purpose)));
}

function compileGrant(grant: GrantModel): CompiledGrant {
  return {
    source: Object.freeze({ file: grant.file, line: grant.line }),
    at: `${grant.file}:${grant.line}`,
    public: grant.public,
    self: grant.self,
    matches: grant.public ? () => true : compileCondition(grant),
    mask: grant.mask,
    reveal: grant.reveal.map(compileCondition),
  };
}

/** Turns each field's grants into predicates once, at load time: decide() only calls them. */
export function compileRules(rules: FieldRule[]): Map<string, CompiledField> {
  const compiled = new Map<string, CompiledField>();
  for (const rule of rules) {
    const grants = rule.read.map(compileGrant);
    compiled.set(rule.coordinate, {
      coordinate: rule.coordinate,
      source: Object.freeze({ file: rule.file, line: rule.line }),
      at: `${rule.file}:${rule.line}`,
      grants: grants.filter((g) => !g.self),
      selfGrants: grants.filter((g) => g.self),
    });
  }
  return compiled;
}
