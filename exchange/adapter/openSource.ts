import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AdapterModel } from '../declaration/bindDeclaration';
import type { SourceKind } from '../declaration/ExchangeDeclaration';
import type { ExchangeSource, ExchangeSourceOptions } from '../ExchangeSource';
import { createFilesSource } from '../files';
import { createHttpSource } from '../http';
import { createSqlSource } from '../sql';
import { resolveSourceSettings } from './resolveSourceSettings';

export type SourceFactory = (options: ExchangeSourceOptions) => ExchangeSource | Promise<ExchangeSource>;

/** One factory per kind of source; each lives in its folder (exchange/sql, exchange/http, exchange/files). */
const FACTORIES: Record<SourceKind, SourceFactory> = {
  sql: createSqlSource,
  // The http kind reads its settings as written: it insists the API key comes from `env:`.
  http: (options) =>
    createHttpSource({
      source: options.written,
      datasets: options.datasets,
      departmentDir: options.departmentDir,
      department: options.department,
      file: options.file,
      line: options.line,
      dataDir: options.dataDir,
      env: options.env as NodeJS.ProcessEnv,
      log: options.log,
    }),
  // The files kind keeps its loads in the department's own database.
  files: (options) => {
    if (!options.db) throw new Error(`${options.file}:${options.line}: a files source keeps its loads in the department's database, and none is open`);
    return createFilesSource({
      department: options.department,
      source: options.written,
      datasets: options.datasets,
      dataDir: options.dataDir,
      env: options.env as NodeJS.ProcessEnv,
      log: options.log,
      db: options.db,
      ...(options.schema && { schema: options.schema }),
      file: options.file,
      line: options.line,
    });
  },
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
  const { settings } = resolveSourceSettings(declaration.source.settings, where.env);
  return factory({
    department: declaration.department,
    source: settings,
    written: declaration.source.settings,
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
