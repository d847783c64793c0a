import type { CompiledWrites } from './compileWriteRules';
import { listNames } from './decideWrite';
import { PLATFORM_DEPARTMENT } from './model';

/** One write rule of one field, as the officers' tools show it. */
export interface WriteRuleRow {
  /** The department whose policy covers the field (the one that applies the write). */
  department: string;
  coordinate: string;
  /** Who may write it, and on which events, in file order. */
  writers: string[];
  events: string[];
  /** `file:line` of the rule. */
  rule: string;
}

/**
 * Every write rule in force, one row per field and rule: by department (in `departments`
 * order, others after), then coordinate, then file order. Fields no one may write have none.
 */
export function listWriteRules(writes: ReadonlyMap<string, CompiledWrites>, departments: readonly string[] = []): WriteRuleRow[] {
  const order = (department: string) => {
    if (department === PLATFORM_DEPARTMENT) return Infinity;
    const index = departments.indexOf(department);
    return index < 0 ? departments.length : index;
  };
  return [...writes.values()]
    .sort((a, b) => order(a.department) - order(b.department) || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0) || (a.coordinate < b.coordinate ? -1 : 1))
    .flatMap(({ department, coordinate, rules }) => rules.map((rule) => ({ department, coordinate, writers: [...rule.departments], events: [...rule.events], rule: rule.rule })));
}

/** `services on household-address-change`; `services and civil on a or b`. */
export function describeWriteRule(row: Pick<WriteRuleRow, 'writers' | 'events'>): string {
  return `${listNames(row.writers, 'and')} on ${listNames(row.events, 'or')}`;
}
