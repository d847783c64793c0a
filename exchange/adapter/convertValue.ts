/**
 * A source value as the SDL scalar a column field answers, or `undefined` when it does not fit
 * (the field then answers null with INVALID_SOURCE_VALUE). Null and empty text are no value.
 */
export function convertValue(value: unknown, scalar: string, format: 'date' | null): unknown {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  if (format === 'date') return formatDate(value);
  switch (scalar) {
    case 'Int': {
      const number = typeof value === 'bigint' ? Number(value) : Number(typeof value === 'string' ? value.trim() : value);
      return Number.isSafeInteger(number) && typeof value !== 'boolean' ? number : undefined;
    }
    case 'Float': {
      const number = Number(typeof value === 'string' ? value.trim() : value);
      return Number.isFinite(number) && typeof value !== 'boolean' ? number : undefined;
    }
    case 'Boolean':
      if (value === true || value === 1 || value === '1' || value === 'true') return true;
      if (value === false || value === 0 || value === '0' || value === 'false') return false;
      return undefined;
    default:
      if (typeof value === 'string') return value.trim();
      if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
      if (value instanceof Date) return formatDate(value);
      return undefined;
  }
}

/** YYYYMMDD, YYYY-MM-DD (a time after it is dropped) or a database date → YYYY-MM-DD; undefined when it is no real date. */
export function formatDate(value: unknown): string | undefined {
  let year: number, month: number, day: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    // A DATE column read as a Date is local midnight: its local parts are the date written.
    [year, month, day] = [value.getFullYear(), value.getMonth() + 1, value.getDate()];
  } else {
    const text = String(value).trim();
    const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T].*)?$/.exec(text);
    if (!match) return undefined;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
