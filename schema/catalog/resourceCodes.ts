import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../composition/composeSupergraph';

/**
 * Resource codes of the data catalog: `POP-01-006` is classification `POP-01` (department
 * code `POP` + the number of the type within that department) and sequence `006` within
 * it. A code is given the first time `govgraph compose` sees a field and is then kept in
 * `schema/catalog/resourceCodes.json` (committed with the supergraph): it never changes, whatever
 * is added, removed or reordered later, and a removed field's code is never given again.
 */
export const RESOURCE_CODES_FILE = path.join(PROJECT_ROOT, 'schema', 'catalog', 'resourceCodes.json');

export interface ResourceCodeRegistry {
  /** Department → its three-letter code (`population` → `POP`). */
  departments: Record<string, string>;
  /** `department/Type` → classification code (`population/Person` → `POP-01`). */
  classifications: Record<string, string>;
  /** Field coordinate → resource code. */
  codes: Record<string, string>;
}

/** A field to code: its coordinate and the department that provides it. */
export interface CodedField {
  coordinate: string;
  department: string;
}

export const EMPTY_REGISTRY: ResourceCodeRegistry = Object.freeze({ departments: {}, classifications: {}, codes: {} });

/** The committed registry; an absent file is an empty registry, a malformed one an error naming it. */
export function readResourceCodes(file = RESOURCE_CODES_FILE): ResourceCodeRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_REGISTRY;
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const registry = raw as Partial<ResourceCodeRegistry>;
  for (const part of ['departments', 'classifications', 'codes'] as const) {
    if (typeof registry[part] !== 'object' || registry[part] === null || Array.isArray(registry[part])) {
      throw new Error(`${file}: "${part}" must be an object; restore the file from git or delete it to number every field again`);
    }
  }
  return registry as ResourceCodeRegistry;
}

/** Stable text for the committed file: keys sorted, one per line. */
export function formatResourceCodes(registry: ResourceCodeRegistry): string {
  const sorted = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ departments: sorted(registry.departments), classifications: sorted(registry.classifications), codes: sorted(registry.codes) }, null, 2)}\n`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `population` → `POP`; when taken, `PO2` … `PO9`, then `P10` …. */
function departmentCode(department: string, taken: Set<string>): string {
  const letters = department
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .padEnd(3, 'X');
  const candidates = [
    letters.slice(0, 3),
    ...Array.from({ length: 8 }, (_, i) => `${letters.slice(0, 2)}${i + 2}`),
    ...Array.from({ length: 90 }, (_, i) => `${letters[0]}${i + 10}`),
  ];
  const free = candidates.find((code) => !taken.has(code));
  if (!free) throw new Error(`no free department code for ${department}`);
  return free;
}

/** The largest number in the last `-NN` part of the codes starting with `prefix-`. */
function lastNumber(codes: Iterable<string>, prefix: string): number {
  let last = 0;
  for (const code of codes) {
    if (!code.startsWith(`${prefix}-`)) continue;
    const n = Number(code.slice(prefix.length + 1));
    if (Number.isInteger(n) && n > last) last = n;
  }
  return last;
}

/**
 * The registry with a code for every field given: existing codes are kept as they are; new
 * fields are numbered after the largest number of their classification, in the order given.
 * Pure: the same registry and fields give the same codes.
 */
export function assignResourceCodes(registry: ResourceCodeRegistry, fields: readonly CodedField[]): ResourceCodeRegistry {
  const next: ResourceCodeRegistry = { departments: { ...registry.departments }, classifications: { ...registry.classifications }, codes: { ...registry.codes } };
  for (const field of fields) {
    if (next.codes[field.coordinate]) continue;
    const typeName = field.coordinate.slice(0, field.coordinate.indexOf('.'));
    let dept = next.departments[field.department];
    if (!dept) dept = next.departments[field.department] = departmentCode(field.department, new Set(Object.values(next.departments)));
    const classKey = `${field.department}/${typeName}`;
    let classification = next.classifications[classKey];
    if (!classification) {
      classification = next.classifications[classKey] = `${dept}-${pad(lastNumber(Object.values(next.classifications), dept) + 1, 2)}`;
    }
    next.codes[field.coordinate] = `${classification}-${pad(lastNumber(Object.values(next.codes), classification) + 1, 3)}`;
  }
  return next;
}

/** Coordinates that have no code yet. */
export function uncodedFields(registry: ResourceCodeRegistry, fields: readonly CodedField[]): string[] {
  return fields.filter((field) => !registry.codes[field.coordinate]).map((field) => field.coordinate);
}
