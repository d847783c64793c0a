import type { PolicyRule } from '../PolicyRule';
import { suggest } from '../suggest';

/** Every type a file lists is an object type of the graph, and not a federation internal. */
export const unknownTypeRule: PolicyRule = ({ facts, report }) => ({
  Type({ file, type, policyType }) {
    if (policyType) return;
    const supergraphType = facts.types.get(type.name);
    if (!supergraphType || (supergraphType.internal && supergraphType.kind === 'object')) {
      const known = [...facts.types.values()].filter((t) => t.kind === 'object' && !t.internal).map((t) => t.name);
      report(
        file.file,
        type.line,
        supergraphType ? `${type.name} is a federation internal, not a policy type: remove it` : `the graph has no type ${type.name}${suggest(type.name, known)}`,
      );
      return;
    }
    const article = /^[aeiou]/.test(supergraphType.kind) ? 'an' : 'a';
    report(file.file, type.line, `${type.name} is ${article} ${supergraphType.kind} type, not an object type: only fields of object types carry rules, so remove it`);
  },
});
