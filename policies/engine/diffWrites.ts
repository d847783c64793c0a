import type { CompiledWrites } from './compileWriteRules';

/** How what one department may write to one field changed: `widens` (a new writer, or new events) or `narrows` (events, or the writer, gone). */
export interface WriteChange {
  kind: 'widens' | 'narrows';
  coordinate: string;
  /** The department whose writes changed. */
  writer: string;
  /** The events gained (widens) or lost (narrows). */
  events: string[];
  /** widens: it could write the field on no event before; narrows: it can on none now. */
  whole: boolean;
}

/** For each writer of a field, the events on which it may write it. */
function allowed(writes: CompiledWrites | undefined): Map<string, Set<string>> {
  const byWriter = new Map<string, Set<string>>();
  for (const rule of writes?.rules ?? []) {
    for (const writer of rule.departments) {
      const events = byWriter.get(writer) ?? byWriter.set(writer, new Set()).get(writer)!;
      rule.events.forEach((event) => events.add(event));
    }
  }
  return byWriter;
}

/**
 * The change in who may write what, on which events, from one set's compiled write rules to
 * another's, over the given coordinates (those of one supergraph): per field and writing
 * department, the events gained (widens) and lost (narrows). Sorted by coordinate, writer, kind.
 */
export function diffWrites(before: ReadonlyMap<string, CompiledWrites>, after: ReadonlyMap<string, CompiledWrites>, coordinates: readonly string[]): WriteChange[] {
  const changes: WriteChange[] = [];
  for (const coordinate of coordinates) {
    const was = allowed(before.get(coordinate));
    const is = allowed(after.get(coordinate));
    for (const writer of [...new Set([...was.keys(), ...is.keys()])].sort()) {
      const old = was.get(writer) ?? new Set<string>();
      const now = is.get(writer) ?? new Set<string>();
      const gained = [...now].filter((event) => !old.has(event)).sort();
      const lost = [...old].filter((event) => !now.has(event)).sort();
      if (gained.length) changes.push({ kind: 'widens', coordinate, writer, events: gained, whole: old.size === 0 });
      if (lost.length) changes.push({ kind: 'narrows', coordinate, writer, events: lost, whole: now.size === 0 });
    }
  }
  return changes;
}
