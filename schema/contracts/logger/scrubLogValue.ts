import { stdSerializers } from 'pino';
import { maskPersonalText } from './maskPersonalText';
import { isTokenKey } from './logRedaction';

const MAX_DEPTH = 16;

/**
 * The safety net under the logger's `redact`: a copy of a value about to be logged in
 * which every string, at any depth, passes `maskPersonalText` (ID numbers and phones
 * masked, tokens removed), every key that names a credential (`authorization`, `token`,
 * `password`…) is dropped, and every Error becomes pino's `{ type, message, stack, … }`
 * with its message and stack masked too. The caller's value is never changed.
 */
export function scrubLogValue(value: unknown, depth = 0, ancestors: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return maskPersonalText(value);
  if (typeof value === 'number') {
    // A phone number logged as a number is still a phone number.
    const asText = String(value);
    const masked = maskPersonalText(asText);
    return masked === asText ? value : masked;
  }
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep to log]';
  if (value instanceof Error) return scrubLogValue({ ...stdSerializers.err(value) }, depth, ancestors);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return scrubLogValue((value as { toJSON(): unknown }).toJSON(), depth, ancestors);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => scrubLogValue(item, depth + 1, ancestors));
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isTokenKey(key)) continue;
      copy[key] = scrubLogValue(item, depth + 1, ancestors);
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
