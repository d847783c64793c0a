/**
 * A resident ID number with its birth date and sequence hidden: the first 6 characters
 * (the region of registration) and the last 4 stay, everything between becomes `*`.
 * `11010519491231002X` → `110105********002X`.
 *
 * The rule depends only on the length, so masking a masked value changes nothing; a value
 * too short to keep 6 + 4 characters around at least one star is starred entirely.
 */
export function maskIdNumber(value: string): string;
export function maskIdNumber(value: unknown): unknown;
export function maskIdNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const chars = Array.from(value);
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}
