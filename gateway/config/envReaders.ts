import { z } from 'zod';

/** The environment a configuration is read from (`process.env` at the command line, a literal in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** An unset or empty variable reads as absent, so the schema's default applies. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function envNumber(env: Env, name: string): number | string | undefined {
  const value = envValue(env, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  // Left as text when not a number, so the schema's error names the variable and the value.
  return Number.isFinite(number) ? number : value;
}

/** `1`, `true`, `on`, `yes` / `0`, `false`, `off`, `no`; anything else is left for the schema to refuse. */
export function envBoolean(env: Env, name: string): boolean | string | undefined {
  const value = envValue(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (['1', 'true', 'on', 'yes'].includes(value)) return true;
  if (['0', 'false', 'off', 'no'].includes(value)) return false;
  return value;
}

/** `a=1,b=2` → `{ a: 1, b: 2 }` (values that are not numbers stay text for the schema to refuse). */
export function envNumberMap(env: Env, name: string): Record<string, number | string> | undefined {
  const value = envValue(env, name);
  if (value === undefined) return undefined;
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const [key, raw = ''] = pair.split('=').map((part) => part.trim());
      const number = Number(raw);
      return [key, raw !== '' && Number.isFinite(number) ? number : raw];
    }),
  );
}

/** `a, b,c` → `['a', 'b', 'c']`; `none` → `[]` (an empty variable reads as absent, so the default applies). */
export function envList(env: Env, name: string): string[] | undefined {
  const value = envValue(env, name);
  if (value === undefined) return undefined;
  if (value.toLowerCase() === 'none') return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const positiveInt = z.number().int().positive();
export const nonNegativeInt = z.number().int().nonnegative();
