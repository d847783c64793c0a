/**
 * A person's name with only its first character kept: `王小明` → `王**`. A one-character
 * name is starred entirely, since keeping its first character would reveal all of it.
 */
export function maskName(value: string): string;
export function maskName(value: unknown): unknown;
export function maskName(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const chars = Array.from(value);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}
