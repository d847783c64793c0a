import type { Vocabulary } from './model';
import { YamlReader } from './YamlReader';

const SECTIONS = ['roles', 'purposes', 'departments'] as const;
const NAME = /^[a-z][a-z0-9-]*$/;
/**
 * A department is named after the subgraph it serves, and subgraph names are chosen by
 * whoever composes the graph (`my_service`, `Accounts`): letters, digits, hyphens and
 * underscores, starting with a letter.
 */
export const DEPARTMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * `vocabulary.yaml`: three lists — roles, purposes, departments — each entry a name and a
 * one-line description (`auditor: Inspector who checks ...`). Policies may use no other names.
 */
export function parseVocabulary(file: string, text: string): { vocabulary: Vocabulary; problems: YamlReader['problems'] } {
  const reader = new YamlReader(file, text);
  const vocabulary: Vocabulary = { file, roles: new Map(), purposes: new Map(), departments: new Map() };
  const entries = reader.root ? reader.map(reader.root, 1, 'vocabulary.yaml') : null;
  const seen = new Set<string>();
  for (const section of reader.known(entries ?? [], SECTIONS, 'vocabulary.yaml')) {
    seen.add(section.key);
    const target = vocabulary[section.key as (typeof SECTIONS)[number]];
    for (const entry of reader.map(section.value, section.line, section.key) ?? []) {
      if (section.key === 'departments' ? !DEPARTMENT_NAME.test(entry.key) : !NAME.test(entry.key)) {
        const how =
          section.key === 'departments'
            ? 'write it as its subgraph is named: letters, digits, hyphens and underscores, starting with a letter'
            : 'write it in lower-case letters, digits and hyphens (e.g. application-review)';
        reader.report(entry.line, `"${entry.key}" is not a usable name: ${how}`);
        continue;
      }
      const description = reader.string(entry.value, entry.line, `the description of ${entry.key}`);
      target.set(entry.key, description ?? '');
    }
  }
  if (entries) {
    for (const section of SECTIONS) {
      if (!seen.has(section)) reader.report(1, `vocabulary.yaml has no ${section}: list them under "${section}:", each with a one-line description`);
    }
  }
  return { vocabulary, problems: reader.problems };
}
