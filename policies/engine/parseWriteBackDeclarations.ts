import type { Named } from './model';
import type { PolicyProblem } from './types';
import { YamlReader } from './YamlReader';

/** One write a service item declares: to which department, which type, which fields (`values` keys). */
export interface DeclaredWrite {
  /** The item's code, e.g. `SI-0026`. */
  item: string;
  /** The item's event; null when it declares none (reported). */
  event: Named | null;
  department: Named | null;
  type: Named | null;
  /** The fields written: the keys of `values`, each with its line. */
  fields: Named[];
  line: number;
}

export interface WriteBackDeclarations {
  /** The file as the problems name it. */
  file: string;
  writes: DeclaredWrite[];
  /** Every event an item declares. */
  events: ReadonlySet<string>;
}

/**
 * The service items' write-back declarations (`subgraphs/services/writeBacks.yaml`), read for
 * what the write rules are checked against: `items.<code>.event` and each of its `writes`'
 * `department`, `type` and `values` keys, with their lines. The file belongs to the services
 * department, whose own loader checks the rest of it (actions, keys, value sources): other
 * settings are not looked at here. Problems only for what this reading needs.
 */
export function parseWriteBackDeclarations(file: string, text: string): { declarations: WriteBackDeclarations; problems: PolicyProblem[] } {
  const reader = new YamlReader(file, text);
  const writes: DeclaredWrite[] = [];
  const events = new Set<string>();
  const root = reader.root ? reader.map(reader.root, 1, file) : null;
  const itemsEntry = root?.find((entry) => entry.key === 'items');
  if (root && !itemsEntry) reader.report(1, 'the file has no "items:": the service items and what their completion writes back');
  for (const item of (itemsEntry && reader.map(itemsEntry.value, itemsEntry.line, 'items')) ?? []) {
    const settings = reader.map(item.value, item.line, item.key) ?? [];
    const eventEntry = settings.find((entry) => entry.key === 'event');
    const eventName = eventEntry ? reader.string(eventEntry.value, eventEntry.line, `the event of ${item.key}`) : null;
    if (!eventEntry) reader.report(item.line, `${item.key} declares no event: add "event:", the name write rules allow writes on`);
    const event = eventEntry && eventName !== null ? { name: eventName, line: eventEntry.line } : null;
    if (event) events.add(event.name);
    const writesEntry = settings.find((entry) => entry.key === 'writes');
    for (const node of (writesEntry && reader.list(writesEntry.value, writesEntry.line, `the writes of ${item.key}`)) ?? []) {
      const line = reader.lineOf(node);
      const write = reader.map(node, line, `a write of ${item.key}`);
      if (!write) continue;
      const named = (key: string): Named | null => {
        const entry = write.find((e) => e.key === key);
        if (!entry) {
          reader.report(line, `this write of ${item.key} has no "${key}:"`);
          return null;
        }
        const name = reader.string(entry.value, entry.line, key);
        return name === null ? null : { name, line: entry.line };
      };
      const department = named('department');
      const type = named('type');
      const valuesEntry = write.find((e) => e.key === 'values');
      const values = valuesEntry ? (reader.optionalMap(valuesEntry.value, valuesEntry.line, `the values of this write of ${item.key}`) ?? []) : [];
      writes.push({ item: item.key, event, department, type, fields: values.map((v) => ({ name: v.key, line: v.line })), line });
    }
  }
  return { declarations: { file, writes, events }, problems: reader.problems };
}
