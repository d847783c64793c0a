import { PLATFORM_DEPARTMENT, type FieldRule } from './model';
import type { SupergraphFacts } from './readSupergraph';

/** One write rule, ready to match: `file:line`, and the departments and events it names. */
export interface CompiledWriteRule {
  rule: string;
  departments: ReadonlySet<string>;
  events: ReadonlySet<string>;
}

/** What decides the writes of one covered field: the department whose policy covers it, and its write rules in file order. */
export interface CompiledWrites {
  coordinate: string;
  department: string;
  /** A key field: never written, whatever the rules. */
  isKey: boolean;
  rules: readonly CompiledWriteRule[];
}

/**
 * Each covered field's write rules as sets, once, at load time: `decideWrite` only looks them
 * up. Rules where no write may be (a root field, a key, platform.yaml) are left out whatever
 * the files say: `writeTargetRule` refuses them, and a set loaded with problems (the old side
 * of `policy diff`) still never allows such a write.
 */
export function compileWriteRules(rules: readonly FieldRule[], facts: SupergraphFacts): Map<string, CompiledWrites> {
  const compiled = new Map<string, CompiledWrites>();
  for (const rule of rules) {
    const field = facts.field(rule.coordinate);
    const isKey = field?.isKey === true;
    const writable = !isKey && facts.types.get(rule.typeName)?.isRoot === false && rule.department !== PLATFORM_DEPARTMENT;
    const writes = writable
      ? rule.write.map((write) =>
          Object.freeze({
            rule: `${write.file}:${write.line}`,
            departments: new Set(write.departments.map((d) => d.name)),
            events: new Set(write.events.map((e) => e.name)),
          }),
        )
      : [];
    compiled.set(rule.coordinate, Object.freeze({ coordinate: rule.coordinate, department: rule.department, isKey, rules: Object.freeze(writes) }));
  }
  return compiled;
}
