/** A `source:` block with its `env:NAME` settings read from the environment. */
export interface ResolvedSource {
  settings: Record<string, unknown>;
  /** True when where the system is comes from the declaration's `default:` (the embedded stand-in), not from the environment. */
  usingDefault: boolean;
  /** Where the system is (`url`, or `baseUrl`), as resolved; undefined when nothing says. */
  location: string | undefined;
}

const FROM_ENV = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** The variable a setting reads when it is `env:NAME` (spaces around it allowed), else null. */
export function envVariableOf(value: unknown): string | null {
  return typeof value === 'string' ? (FROM_ENV.exec(value.trim())?.[1] ?? null) : null;
}

/**
 * Reads each top-level `env:NAME` setting from the environment (unset or empty: absent), so that
 * URLs with passwords and API keys live in the deployment's environment, never in the declaration;
 * where the system is (`url`, or an http source's `baseUrl`) falls back to `default:` when the environment gives none.
 */
export function resolveSourceSettings(written: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): ResolvedSource {
  const settings: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(written)) {
    const variable = envVariableOf(value);
    if (!variable) settings[name] = value;
    else if (env[variable]?.trim()) settings[name] = env[variable]!.trim();
  }
  // Where the system is: `url` (sql), or `baseUrl` (http) for a block that writes one.
  const location = 'baseUrl' in written && !('url' in written) ? 'baseUrl' : 'url';
  const usingDefault = (settings[location] === undefined || settings[location] === '') && typeof written.default === 'string';
  if (usingDefault) settings[location] = written.default;
  return { settings, usingDefault, location: typeof settings[location] === 'string' ? settings[location] : undefined };
}

/** The environment variables a `source:` block reads (`env:NAME`). */
export function sourceEnvironmentVariables(written: Readonly<Record<string, unknown>>): string[] {
  return Object.values(written).flatMap((value) => envVariableOf(value) ?? []);
}
