/** `data.accounts` → ['data', 'accounts']; an empty selection (or `$`) is the whole answer. */
export function parseSelection(selection: string): string[] {
  const trimmed = selection.trim();
  return trimmed === '' || trimmed === '$' ? [] : trimmed.split('.');
}

/**
 * The value at a dotted path of a JSON answer: Apollo Connectors' `selection` in its simplest
 * form, a path without renames (the declaration's columns rename). `undefined` when a step is
 * missing or is not an object.
 */
export function selectPath(value: unknown, steps: readonly string[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
