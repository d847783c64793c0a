import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { suggest } from './suggest';
import type { Named } from './model';
import type { PolicyProblem } from './types';

/** One `key: value` line of a mapping. */
export interface Entry {
  key: string;
  line: number;
  value: Node | null;
}

/**
 * Reads one YAML policy file node by node, so every value keeps its line, and collects
 * problems in plain language instead of throwing: a file reports all its problems at once.
 */
export class YamlReader {
  readonly problems: PolicyProblem[] = [];
  /** The top-level node; null when the file does not parse or is empty. */
  readonly root: Node | null;
  private readonly doc: Document;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: true });
    for (const error of this.doc.errors) {
      const line = error.linePos?.[0].line ?? 1;
      const what = error.code === 'DUPLICATE_KEY' ? 'the same name is listed twice in one place' : error.message.split(' at line ')[0];
      this.report(line, `the file does not parse as YAML: ${what}`);
    }
    const contents = this.doc.errors.length > 0 ? null : (this.doc.contents as Node | null);
    this.root = contents && !(isScalar(contents) && contents.value === null) ? contents : null;
    if (this.doc.errors.length === 0 && this.root === null) this.report(1, 'the file is empty');
  }

  report(at: number | Node, message: string): void {
    this.problems.push({ file: this.file, line: typeof at === 'number' ? at : this.lineOf(at), message });
  }

  lineOf(node: Node): number {
    return node.range ? this.lines.linePos(node.range[0]).line : 1;
  }

  private resolve(node: Node | null): Node | null {
    return node && isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? null) : node;
  }

  /** The entries of a mapping, or null (reported) when `node` is something else. */
  map(node: Node | null, line: number, what: string): Entry[] | null {
    const resolved = this.resolve(node);
    if (!resolved || !isMap(resolved)) {
      this.report(line, `${what} must be a list of "name: value" lines`);
      return null;
    }
    const entries: Entry[] = [];
    for (const pair of resolved.items) {
      const key = pair.key as Node | null;
      if (!key || !isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
        this.report(key ? this.lineOf(key) : line, `${what}: every key must be a plain name`);
        continue;
      }
      entries.push({ key: String(key.value), line: this.lineOf(key), value: this.resolve(pair.value as Node | null) });
    }
    return entries;
  }

  /** A mapping that may also be left empty (`gender:` or `gender: {}`). */
  optionalMap(node: Node | null, line: number, what: string): Entry[] | null {
    if (node === null || (isScalar(node) && node.value === null)) return [];
    return this.map(node, line, what);
  }

  /** Reports each key not in `allowed`; returns the entries whose key is allowed. */
  known(entries: Entry[], allowed: readonly string[], what: string): Entry[] {
    return entries.filter((entry) => {
      if (allowed.includes(entry.key)) return true;
      this.report(entry.line, `${what} has no setting "${entry.key}"${suggest(entry.key, allowed)}; its settings are ${allowed.join(', ')}`);
      return false;
    });
  }

  list(node: Node | null, line: number, what: string): Node[] | null {
    const resolved = this.resolve(node);
    if (!resolved || !isSeq(resolved)) {
      this.report(line, `${what} must be a list (one "- " line per item, or [a, b])`);
      return null;
    }
    return resolved.items.map((item) => this.resolve(item as Node | null)).filter((item): item is Node => item !== null);
  }

  string(node: Node | null, line: number, what: string): string | null {
    if (node && isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    this.report(node ? this.lineOf(node) : line, `${what} must be a text`);
    return null;
  }

  /** A whole number from 1 to 4 (sensitivity, clearance). */
  level(node: Node | null, line: number, what: string): number | null {
    const value = node && isScalar(node) ? node.value : undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4) return value;
    this.report(node ? this.lineOf(node) : line, `${what} must be a whole number from 1 (public) to 4 (restricted), not ${describe(value)}`);
    return null;
  }

  boolean(node: Node | null, line: number, what: string): boolean | null {
    const value = node && isScalar(node) ? node.value : undefined;
    if (typeof value === 'boolean') return value;
    this.report(node ? this.lineOf(node) : line, `${what} must be true or false, not ${describe(value)}`);
    return null;
  }

  /** One of `choices`. */
  choice<T extends string>(node: Node | null, line: number, what: string, choices: readonly T[]): T | null {
    const value = node && isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    const hint = typeof value === 'string' ? suggest(value, choices) : '';
    this.report(node ? this.lineOf(node) : line, `${what} must be one of ${choices.join(', ')}, not ${describe(value)}${hint}`);
    return null;
  }

  /** A list of names (`[officer, auditor]`); a single name is taken as a list of one. */
  names(node: Node | null, line: number, what: string): Named[] | null {
    if (node && isScalar(node) && typeof node.value === 'string') return [{ name: node.value, line: this.lineOf(node) }];
    const items = this.list(node, line, what);
    if (!items) return null;
    const names: Named[] = [];
    for (const item of items) {
      const name = this.string(item, line, `each of ${what}`);
      if (name !== null) names.push({ name, line: this.lineOf(item) });
    }
    if (items.length === 0) this.report(line, `${what} is empty, so it matches no one; list at least one name or remove it`);
    return names;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'a list or mapping';
  if (value === null) return 'nothing';
  return typeof value === 'string' ? `"${value}"` : String(value);
}
