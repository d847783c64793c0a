import type { Node } from 'yaml';
import { SHARING_TYPES, UPDATE_CYCLES, type FieldSettings, type PolicyFileModel, type TypeEntry } from './model';
import { parseCacheSetting } from './parseCacheSetting';
import { parseGrant } from './parseGrant';
import { parseStatistics } from './parseStatistics';
import { parseWriteRule } from './parseWriteRule';
import type { PolicyProblem } from './types';
import { YamlReader } from './YamlReader';

const FILE_KEYS = ['department', 'statistics', 'types'] as const;
const TYPE_KEYS = ['defaults', 'fields'] as const;
const DEFAULT_KEYS = ['sharing', 'sensitivity', 'updateCycle', 'read', 'write', 'cache'] as const;
const FIELD_KEYS = ['description', ...DEFAULT_KEYS] as const;

function setIf<K extends keyof FieldSettings>(settings: FieldSettings, key: K, value: FieldSettings[K] | null): void {
  if (value !== null && value !== undefined) settings[key] = value;
}

function parseSettings(reader: YamlReader, node: Node | null, line: number, what: string, allowed: readonly string[]): FieldSettings {
  const settings: FieldSettings = {};
  const entries = reader.optionalMap(node, line, what) ?? [];
  const known = reader.known(entries, allowed, what);
  // A misspelt setting (`sensitivty:`) is reported once, not again as a missing one.
  if (known.length < entries.length) settings.refused = [...allowed];
  for (const entry of known) {
    switch (entry.key) {
      case 'description':
        setIf(settings, 'description', reader.string(entry.value, entry.line, 'description'));
        break;
      case 'sharing':
        setIf(settings, 'sharing', reader.choice(entry.value, entry.line, 'sharing', SHARING_TYPES));
        break;
      case 'sensitivity':
        setIf(settings, 'sensitivity', reader.level(entry.value, entry.line, 'sensitivity'));
        break;
      case 'updateCycle':
        setIf(settings, 'updateCycle', reader.choice(entry.value, entry.line, 'updateCycle', UPDATE_CYCLES));
        break;
      case 'read':
        setIf(settings, 'read', reader.list(entry.value, entry.line, 'read')?.flatMap((item) => parseGrant(reader, item) ?? []) ?? null);
        break;
      case 'write':
        setIf(settings, 'write', reader.list(entry.value, entry.line, 'write')?.flatMap((item) => parseWriteRule(reader, item) ?? []) ?? null);
        break;
      case 'cache':
        setIf(settings, 'cache', parseCacheSetting(reader, entry.value, entry.line));
        break;
    }
    if (!(entry.key in settings)) (settings.refused ??= []).push(entry.key);
  }
  return settings;
}

function parseType(reader: YamlReader, name: string, line: number, node: Node | null): TypeEntry {
  const type: TypeEntry = { name, line, fieldsLine: line, defaults: {}, fields: [] };
  for (const entry of reader.known(reader.optionalMap(node, line, `types.${name}`) ?? [], TYPE_KEYS, `types.${name}`)) {
    if (entry.key === 'defaults') {
      type.defaults = parseSettings(reader, entry.value, entry.line, `${name} defaults`, DEFAULT_KEYS);
      continue;
    }
    type.fieldsLine = entry.line;
    for (const field of reader.optionalMap(entry.value, entry.line, `types.${name}.fields`) ?? []) {
      type.fields.push({ name: field.key, line: field.line, settings: parseSettings(reader, field.value, field.line, `${name}.${field.key}`, FIELD_KEYS) });
    }
  }
  return type;
}

/**
 * One department's file: `department: <name>`, an optional `statistics:` section, and `types:`, each type with optional
 * `defaults` and its `fields`. Checks shapes and values (levels 1–4, known settings, known
 * masks, cache durations, write rules' keys and event names); names and coordinates are checked later against the vocabulary and supergraph.
 */
export function parsePolicyFile(file: string, text: string): { model: PolicyFileModel; problems: PolicyProblem[] } {
  const reader = new YamlReader(file, text);
  const model: PolicyFileModel = { file, department: null, departmentLine: 1, typesLine: 1, types: [], statistics: null, readable: reader.root !== null };
  const entries = reader.root ? reader.map(reader.root, 1, file) : null;
  let hasDepartment = false;
  for (const entry of reader.known(entries ?? [], FILE_KEYS, `a policy file`)) {
    if (entry.key === 'department') {
      hasDepartment = true;
      model.department = reader.string(entry.value, entry.line, 'department');
      model.departmentLine = entry.line;
      continue;
    }
    if (entry.key === 'statistics') {
      model.statistics = parseStatistics(reader, entry.value, entry.line);
      continue;
    }
    model.typesLine = entry.line;
    for (const type of reader.optionalMap(entry.value, entry.line, 'types') ?? []) {
      model.types.push(parseType(reader, type.key, type.line, type.value));
    }
  }
  if (entries && !hasDepartment) {
    reader.report(1, `the file does not say whose it is: add "department: ${file.replace(/\.yaml$/, '')}" as its first line`);
  }
  return { model, problems: reader.problems };
}
