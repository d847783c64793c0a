const DIGIT_OR_STAR = /[0-9*]/;

/**
 * A phone number with the first 3 and last 4 digits kept: `13812345678` → `138****5678`.
 * Separators (`+`, `-`, spaces) stay where they are; a star counts as a digit, so masking
 * a masked value changes nothing. A number with fewer than 8 digits keeps only its last 2.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: unknown): unknown;
export function maskPhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const chars = Array.from(value);
  const digits = chars.reduce((count, c) => (DIGIT_OR_STAR.test(c) ? count + 1 : count), 0);
  const [head, tail] = digits >= 8 ? [3, 4] : [0, Math.min(2, Math.max(0, digits - 1))];
  let seen = 0;
  return chars
    .map((c) => {
      if (!DIGIT_OR_STAR.test(c)) return c;
      seen += 1;
      return seen <= head || seen > digits - tail ? c : '*';
    })
    .join('');
}
