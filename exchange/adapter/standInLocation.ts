import { inboxFolders } from '../files';
import type { SourceDeclaration, SourceKind } from '../declaration/ExchangeDeclaration';
import { resolveSourceSettings } from './resolveSourceSettings';

/** Whether the department's system is its stand-in (nothing in the environment names the real one), and where that stand-in is. */
export interface StandInLocation {
  usingDefault: boolean;
  location?: string;
}

type Where = { department: string; dataDir: string; env: Readonly<Record<string, string | undefined>> };

/**
 * Per kind, where the stand-in of a department's system is: a database's or an API's `default:`
 * (when its `env:` setting is unset), or a files source's inbox under the data directory (unless
 * `inbox:` reads it from the environment: the inbox the department's real exchange delivers to).
 */
const LOCATIONS: Record<SourceKind, (source: SourceDeclaration, where: Where) => StandInLocation> = {
  sql: (source, where) => resolveSourceSettings(source.settings, where.env),
  http: (source, where) => resolveSourceSettings(source.settings, where.env),
  files(source, where) {
    const inbox = source.settings.inbox;
    if (typeof inbox === 'string' && inbox.startsWith('env:') && where.env[inbox.slice(4)]) return { usingDefault: false };
    return { usingDefault: true, location: inboxFolders({ dataDir: where.dataDir, department: where.department, inbox, env: where.env as NodeJS.ProcessEnv }).inbox };
  },
};

export function standInLocation(source: SourceDeclaration, where: Where): StandInLocation {
  return LOCATIONS[source.kind](source, where);
}
