import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AdapterModel } from '../declaration/bindDeclaration';
import type { SourceKind } from '../declaration/ExchangeDeclaration';
import type { ExchangeSource, ExchangeSourceOptions } from '../ExchangeSource';
import { createSqlSource } from '../sql';
import { resolveSourceSettings } from './resolveSourceSettings';

export type SourceFactory = (options: ExchangeSourceOptions) => ExchangeSource | Promise<ExchangeSource>;

/** One factory per kind of source; each lives in its folder (exchange/sql, exchange/http, exchange/files). */
const FACTORIES: Partial<Record<SourceKind, SourceFactory>> = {
  sql: createSqlSource,
};

/** Where a source is opened: the department's data directory, environment and logger, and its own database when it runs. */
export interface OpenSourceSettings {
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
  db?: Kysely<any>;
  schema?: string;
}

/** Opens the source a bound declaration names, with `env:` settings read from `env`; it does not check it. */
export async function openSource(model: AdapterModel, where: OpenSourceSettings): Promise<ExchangeSource> {
  const declaration = model.declaration;
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
    datasets: [...model.datasets.values()],
    departmentDir: model.dir,
    ...(where.db && { db: where.db }),
    ...(where.schema && { schema: where.schema }),
  });
}
