import { suggest } from './suggest';
import type { Identity } from './types';

/** The names a reader description may use: those of `vocabulary.yaml`. */
export interface ReaderNames {
  roles: readonly string[];
  departments: readonly string[];
}

/** A reader description that cannot be used; the message says how to write it. */
export class ReaderSpecError extends Error {}

const KEYS = ['roles', 'dept', 'clearance', 'sub'] as const;
type Key = (typeof KEYS)[number];

export const READER_SPEC_FORMAT = `'anonymous', or 'roles=reviewer;dept=market;clearance=3' (also sub=…; roles comma-separated; dept and sub optional; clearance 1–4, default 1)`;

/** A placeholder `sub`: decisions never depend on it, only the owning department's "is it theirs" does. */
export const UNSPECIFIED_SUB = '(unspecified)';

function known(kind: string, name: string, names: readonly string[]): string {
  if (names.includes(name)) return name;
  const hint = suggest(name, [...names]);
  throw new ReaderSpecError(`unknown ${kind} "${name}"${hint}; declared: ${names.join(', ')}`);
}

/**
 * Reads `--as`: `anonymous` (null: no token), or `key=value` pairs separated by `;` that
 * describe the token's claims, checked against the vocabulary so that a misspelt role
 * is an error here rather than a reader who silently matches nothing.
 */
export function parseReaderSpec(spec: string, names: ReaderNames): Identity | null {
  const text = spec.trim();
  if (text === 'anonymous') return null;
  const values = new Map<Key, string>();
  for (const part of text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (eq < 0) throw new ReaderSpecError(`"${part}" is not key=value; write ${READER_SPEC_FORMAT}`);
    if (!(KEYS as readonly string[]).includes(key)) throw new ReaderSpecError(`unknown key "${key}"${suggest(key, [...KEYS])}; the keys are ${KEYS.join(', ')}`);
    if (values.has(key as Key)) throw new ReaderSpecError(`"${key}" is given twice`);
    values.set(key as Key, part.slice(eq + 1).trim());
  }
  if (!values.has('roles')) throw new ReaderSpecError(`"roles" is missing; write ${READER_SPEC_FORMAT}`);
  const roles = values
    .get('roles')!
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((role) => known('role', role, names.roles));
  const dept = values.get('dept') ? known('department', values.get('dept')!, names.departments) : null;
  const clearanceText = values.get('clearance') ?? '1';
  const clearance = Number(clearanceText);
  if (!/^[1-4]$/.test(clearanceText)) throw new ReaderSpecError(`clearance must be 1, 2, 3 or 4, got "${clearanceText}"`);
  return { sub: values.get('sub') || UNSPECIFIED_SUB, roles, dept, clearance };
}
