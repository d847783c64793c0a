import type { Node } from 'yaml';
import { EVENT_NAME, type Named, type WriteRuleModel } from './model';
import type { YamlReader } from './YamlReader';

const WRITE_RULE_KEYS = ['departments', 'events'] as const;
/** Settings of a read grant: a write rule has none of them. */
const READ_ONLY_KEYS = ['roles', 'clearance', 'purposes', 'self', 'public', 'mask', 'reveal'];

/**
 * One rule of a `write:` list: `departments` (who writes, vocabulary departments) and `events`
 * (on which write-back events, lower-case words joined by hyphens), both required and
 * non-empty, and nothing else. Null when the node is not a mapping (reported); a rule with a
 * problem is still returned (a set with problems is never enforced), with what it could read.
 */
export function parseWriteRule(reader: YamlReader, node: Node): WriteRuleModel | null {
  const line = reader.lineOf(node);
  const entries = reader.map(node, line, 'a write rule');
  if (!entries) return null;
  const rule: WriteRuleModel = { file: reader.file, line, departments: [], events: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    if (READ_ONLY_KEYS.includes(entry.key)) {
      reader.report(
        entry.line,
        `a write rule has no setting "${entry.key}": a write comes from a department on a write-back event, not from a reader, so a write rule names only departments and events`,
      );
      continue;
    }
    const [known] = reader.known([entry], WRITE_RULE_KEYS, 'a write rule');
    if (!known) continue;
    seen.add(known.key);
    const names = reader.names(known.value, known.line, known.key) ?? [];
    if (known.key === 'departments') rule.departments = names;
    else rule.events = names.filter((event) => isEventName(reader, event));
  }
  if (!seen.has('departments')) reader.report(line, 'this write rule names no department: add "departments: [...]", the departments that may write the field');
  if (!seen.has('events')) reader.report(line, 'this write rule names no event: add "events: [...]", the write-back events on which they may write it');
  return rule;
}

/** True when `event` is a usable event name; reported otherwise. */
function isEventName(reader: YamlReader, event: Named): boolean {
  if (EVENT_NAME.test(event.name)) return true;
  reader.report(event.line, `"${event.name}" is not an event name: write-back events are lower-case words joined by hyphens (e.g. household-address-change)`);
  return false;
}
