import type { ConditionModel, FieldRule, Named } from './model';

const names = (list: Named[] | null): string[] | null => list && list.map((item) => item.name);
const condition = (c: ConditionModel) => [names(c.roles), names(c.departments), c.clearance, names(c.purposes)];

/**
 * Everything that decides what a reader gets of a field, as text: its read grants in file order,
 * each with its conditions, mask, reveal list and whether it is public or `self`, without where
 * they are written. Two fields, or one field in two policy sets, with the same key give every
 * reader the same access (`others` and `own`); only the rule named and the reason can differ.
 */
export function accessKeyOf(rule: Pick<FieldRule, 'read'>): string {
  return JSON.stringify(rule.read.map((grant) => [grant.public, grant.self, grant.mask, ...condition(grant), grant.reveal.map(condition)]));
}
