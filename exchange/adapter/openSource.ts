import type { Logger } from 'pino';
import type { ExchangeDeclaration, SourceKind } from '../declaration/ExchangeDeclaration';
import type { ExchangeSource, ExchangeSourceOptions } from '../ExchangeSource';
import { createSqlSource } from '../sql';
import { resolveSourceSettings } from './resolveSourceSettings';

export type SourceFactory = (options: ExchangeSourceOptions) => ExchangeSource | Promise<ExchangeSource>;

/** One factory per kind of source; each lives in its folder (exchange/sql, exchange/http, exchange/files). */
const FACTORIES: Partial<Record<SourceKind, SourceFactory>> = {
  sql: createSqlSource,
};

/** Opens the source a declaration names, with `env:` settings read from `env`; it does not check it. */
export async function openSource(
  declaration: ExchangeDeclaration,
  where: { dataDir: string; env: Readonly<Record<string, string | undefined>>; log: Logger },
): Promise<ExchangeSource> {
  const factory = FACTORIES[declaration.source.kind];
  if (!factory) throw new Error(`${declaration.file}:${declaration.source.line}: no source of kind ${declaration.source.kind} is built into this govgraph`);
  const { settings } = resolveSourceSettings(declaration.source.settings, where.env);
  return factory({
    department: declaration.department,
    source: settings,
    file: declaration.file,
    line: declaration.source.line,
    dataDir: where.dataDir,
    env: where.env,
    log: where.log,
  });
}
