import type { FieldDecision, Reader } from './types';

/** A level of the trie: the next part of the reader → the next level; LEAF → the decision. */
type Level = Map<unknown, unknown>;

const ANONYMOUS = Symbol('anonymous');
const LEAF = Symbol('decision');

function next(level: Level, key: unknown, create: boolean): Level | undefined {
  let found = level.get(key) as Level | undefined;
  if (found === undefined && create) level.set(key, (found = new Map()));
  return found;
}

/**
 * Decisions memoised per (coordinate, purpose, anonymous | dept, clearance, roles) — never
 * per `sub`, which only the owning subgraph uses. A trie of Maps: a lookup walks the
 * reader's parts without building a key string. Bounded: when full it keeps what it holds
 * and remembers nothing more. A gateway sees few kinds of reader and never fills it; what
 * fills it is a walk over every reader class (`policy check`, `diff`, the matrix), for which
 * remembering, or emptying and refilling, only churns memory: a decision costs less than a
 * fraction of a microsecond to make again.
 */
export class DecisionCache {
  private root: Level = new Map();
  private size = 0;

  constructor(readonly limit: number) {}

  private level(coordinate: string, reader: Reader, create: boolean): Level | undefined {
    let level = next(this.root, coordinate, create);
    if (level !== undefined) level = next(level, reader.purpose, create);
    const { identity } = reader;
    if (identity === null) return level && next(level, ANONYMOUS, create);
    if (level !== undefined) level = next(level, identity.dept, create);
    if (level !== undefined) level = next(level, identity.clearance, create);
    // Roles in the order given: another order is another entry with the same decision (sorting costs more).
    const { roles } = identity;
    for (let i = 0; i < roles.length && level !== undefined; i += 1) level = next(level, roles[i], create);
    return level;
  }

  get(coordinate: string, reader: Reader): FieldDecision | undefined {
    return this.level(coordinate, reader, false)?.get(LEAF) as FieldDecision | undefined;
  }

  set(coordinate: string, reader: Reader, decision: FieldDecision): void {
    if (this.size >= this.limit) return;
    const level = this.level(coordinate, reader, true)!;
    if (!level.has(LEAF)) this.size += 1;
    level.set(LEAF, decision);
  }
}
