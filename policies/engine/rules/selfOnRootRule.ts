import type { PolicyRule } from '../PolicyRule';

/** A `self` grant is on a record's field: a root field belongs to no one, so `self` would never match it. */
export const selfOnRootRule: PolicyRule = ({ report }) => ({
  Grant({ file, policyType, field, grant, line }) {
    if (!grant.self || !policyType.isRoot) return;
    report(file.file, line, `${field.coordinate} is a root field, not a record, so "self: true" never matches it: grant citizens with "roles: [citizen]" instead`);
  },
});
