import type { PolicyRule } from '../PolicyRule';
import { suggest } from '../suggest';

/** Every field a listed type lists is a field of that type in the graph, and not a federation internal. */
export const unknownFieldRule: PolicyRule = ({ report }) => ({
  Field({ file, type, policyType, entry, field }) {
    if (field) return;
    const named = policyType.fields.get(entry.name);
    report(
      file.file,
      entry.line,
      named
        ? `${type.name}.${entry.name} is a federation internal, not a policy field: remove it`
        : `${type.name} has no field ${entry.name}${suggest(entry.name, policyType.fields.keys())}`,
    );
  },
});
