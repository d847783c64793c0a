import { codeTable, isCodeTableId, type CodedName, type CodeTableId } from './codeTable';

/**
 * How a source's values map to a standard table, as its declaration states it. `values` maps
 * each legacy value to the standard code it stands for (`{ M: '1', F: '2' }`); a value it does
 * not name is taken as it stands only if it is already a code of the table.
 */
export interface LegacyMapping {
  table: CodeTableId;
  /** Legacy value → standard code. Absent: the source already writes the standard codes. */
  values?: Readonly<Record<string, string>>;
}

/**
 * The text a source's value is compared as: a string trimmed, a number (or bigint) as its
 * decimal text (`1` → `'1'`, so `1` is not the ethnic-group code `'01'`). Null for an empty
 * string and for anything else (null, a boolean, an object): no code.
 */
export function legacyText(value: unknown): string | null {
  let text: string;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  else return null;
  return text === '' ? null : text;
}

/**
 * A source's legacy value as the standard code and its name, through the declared mapping:
 * the declared code when the mapping names the value, else the value itself when it is
 * already a code of the table. Null otherwise: an unmapped value is never passed through.
 * A declared value wins over a standard code, so a source whose codes look standard but mean
 * something else declares every one of them.
 *
 * Throws when the mapping sends a value to a code the table does not hold (a mistake in the
 * declaration, which `checkLegacyMapping` finds before any value is read).
 */
export function mapLegacyValue(mapping: LegacyMapping, value: unknown): CodedName | null {
  const text = legacyText(value);
  if (text === null) return null;
  const table = codeTable(mapping.table);
  if (mapping.values && Object.hasOwn(mapping.values, text)) {
    const code = mapping.values[text];
    const name = table.codes.get(code);
    if (name === undefined) throw new Error(`codes: the mapping to ${table.standard} sends '${text}' to '${code}', which is no code of that table`);
    return { code, name };
  }
  const name = table.codes.get(text);
  return name === undefined ? null : { code: text, name };
}

/**
 * What is wrong with a declared mapping, one sentence each: an unknown table, a legacy value
 * that could never match (spaces around it), a value mapped to a code the table does not
 * hold. Empty when it can be used; the exchange declaration is checked with it.
 */
export function checkLegacyMapping(mapping: { table: unknown; values?: unknown }): string[] {
  if (!isCodeTableId(mapping.table)) return [`no code table '${String(mapping.table)}'`];
  if (mapping.values === undefined) return [];
  if (typeof mapping.values !== 'object' || mapping.values === null || Array.isArray(mapping.values)) return ['values must map each legacy value to a standard code'];
  const table = codeTable(mapping.table);
  return Object.entries(mapping.values).flatMap(([legacy, code]) => {
    if (legacy.trim() !== legacy || legacy === '') return [`'${legacy}': a legacy value is compared trimmed, so write it without spaces around it`];
    if (typeof code !== 'string') return [`'${legacy}' maps to ${String(code)}, not a string: write the code in quotes ('01' written bare in YAML is the number 1)`];
    return table.codes.has(code) ? [] : [`'${legacy}' maps to '${code}', which is no code of ${table.standard} (${mapping.table})`];
  });
}
