import { isDeepStrictEqual } from 'node:util';

/**
 * Where two JSON values first differ, as a path (`data.users[0].reviews`) with both values
 * there, shortened; null when they are deep-equal.
 */
export function firstDifference(actual: unknown, expected: unknown, at = '(root)'): string | null {
  if (isDeepStrictEqual(actual, expected)) return null;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${at}: ${actual.length} items where ${expected.length} are expected`;
    for (let i = 0; i < actual.length; i++) {
      const found = firstDifference(actual[i], expected[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (isObject(actual) && isObject(expected)) {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const found = firstDifference(actual[key], expected[key], at === '(root)' ? key : `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at}: ${shown(actual)} where ${shown(expected)} is expected`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const shown = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};
