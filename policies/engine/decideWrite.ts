import type { CompiledWrites } from './compileWriteRules';
import type { WriteDecision, WriteRequest } from './types';

/** `a`, `a and b`, `a, b and c` (`or` for alternatives). */
export function listNames(names: Iterable<string>, last: 'and' | 'or'): string {
  const all = [...names];
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} ${last} ${all[all.length - 1]}`;
}

/** `population's policy`, `licenses' policy`: whose rules decided. */
export function policyOf(department: string): string {
  return `${department}'${department.endsWith('s') ? '' : 's'} policy`;
}

/**
 * Whether `from` may write `coordinate` on `event`, by the field's compiled write rules (null:
 * no rule covers the field). Deny by default: allowed only when one rule names both the
 * department and the event; a refusal says, in one sentence, what the policy does allow.
 */
export function decideWrite(writes: CompiledWrites | null, { coordinate, from, event }: WriteRequest): WriteDecision {
  if (!writes) return { allowed: false, why: `no policy covers ${coordinate}, so no department may write it` };
  const { department, rules } = writes;
  if (writes.isKey) return { allowed: false, why: `${policyOf(department)} lets no department write ${coordinate}, a key (keys are never written)` };
  const match = rules.find((rule) => rule.departments.has(from) && rule.events.has(event));
  if (match) return { allowed: true, rule: match.rule };
  if (rules.length === 0) return { allowed: false, why: `${policyOf(department)} lets no department write ${coordinate}` };
  const fromRules = rules.filter((rule) => rule.departments.has(from));
  if (fromRules.length === 0) {
    const writers = new Set(rules.flatMap((rule) => [...rule.departments]));
    return { allowed: false, why: `${policyOf(department)} lets only ${listNames(writers, 'and')} write ${coordinate}, not ${from}` };
  }
  const events = new Set(fromRules.flatMap((rule) => [...rule.events]));
  return { allowed: false, why: `${policyOf(department)} lets ${from} write ${coordinate} only on ${listNames(events, 'or')}, not ${event}` };
}
