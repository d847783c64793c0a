import type { Logger } from 'pino';
import { legacyText, mapLegacyValue } from '../codes';
import { maskPersonalText } from '../schema/contracts/logger/maskPersonalText';
import { openDatabase, type DepartmentDatabase } from '../subgraphs/kit';
import { openSource } from './adapter/openSource';
import { resolveSourceSettings } from './adapter/resolveSourceSettings';
import type { AdapterModel } from './declaration/bindDeclaration';
import type { ExchangeProblem, ExchangeSource } from './ExchangeSource';
import { openFilesDatabase } from './files/openFilesDatabase';

/** How many distinct values of a mapped column are read to find the unmapped ones. */
const VALUES_READ = 1000;
/** How many unmapped values one problem lists. */
const VALUES_SHOWN = 10;

export interface SourceCheck {
  problems: ExchangeProblem[];
  /** The kind of source checked (its location is in the problems when it matters). */
  kind: string;
}

/**
 * A bound declaration against its source, as `govgraph exchange check` runs it: the source's own
 * check (tables, columns, operations, files), then every legacy value the source holds in a column
 * mapped with `enum:` or `codes:` — one without a mapping would answer UNMAPPED_CODE — where the
 * kind can list a column's values. A kind that keeps its state in the department's own database
 * (the files kind: its loads) is checked over that database where the department runs; when it
 * never started, over a throwaway one (the declaration alone: no load to check), so that a check
 * leaves no empty database behind.
 */
export async function checkDepartmentSource(model: AdapterModel, where: { dataDir: string; env: Readonly<Record<string, string | undefined>>; log: Logger }): Promise<SourceCheck> {
  const declaration = model.declaration;
  const at = { file: declaration.file, line: declaration.source.line };
  let database: DepartmentDatabase<any> | null = null;
  let source: ExchangeSource;
  try {
    if (declaration.source.kind === 'files') {
      const department = declaration.department;
      database = (await openFilesDatabase({ department, dataDir: where.dataDir, env: where.env }, true)) ?? (await openDatabase<any>({ department, file: ':memory:' }));
    }
    source = await openSource(model, { ...where, ...(database && { db: database.db, ...(database.schema && { schema: database.schema }) }) });
  } catch (error) {
    await database?.close();
    const message = (error as Error).message.replace(/^\S+:\d+: /, '');
    return { kind: declaration.source.kind, problems: [{ ...at, message }] };
  }
  try {
    const problems = await source.check([...model.datasets.values()]);
    // A stand-in that is not there yet: say how it comes to be (an http source says it itself: its stand-in is started, not seeded).
    if (declaration.source.kind !== 'http' && resolveSourceSettings(declaration.source.settings, where.env).usingDefault) {
      for (const problem of problems) {
        if (problem.line === declaration.source.line)
          problem.message += ` (the declaration's default: is a stand-in, seeded when ${declaration.department} first starts: npm start, or npx govgraph seed --department ${declaration.department})`;
      }
    }
    if (problems.length === 0) problems.push(...(await unmappedValues(model, source)));
    return { kind: source.kind, problems };
  } finally {
    await source.close();
    await database?.close();
  }
}

async function unmappedValues(model: AdapterModel, source: ExchangeSource): Promise<ExchangeProblem[]> {
  if (!source.distinctValues) return [];
  const problems: ExchangeProblem[] = [];
  for (const type of model.types.values()) {
    for (const field of type.fields) {
      if (field.kind !== 'column' || (!field.codes && !field.enum)) continue;
      const datasetName = field.dataset ?? type.dataset;
      const dataset = datasetName === null ? undefined : model.datasets.get(datasetName);
      if (!dataset) continue;
      const values = await source.distinctValues(dataset, field.column, VALUES_READ);
      const unmapped = values.filter((value) => {
        const text = legacyText(value);
        if (text === null) return false;
        return field.codes ? mapLegacyValue(field.codes, value) === null : field.enum![text] === undefined;
      });
      if (unmapped.length === 0) continue;
      const shown = unmapped.slice(0, VALUES_SHOWN).map((value) => `'${maskPersonalText(legacyText(value)!)}'`);
      const more = unmapped.length > VALUES_SHOWN ? ` and ${unmapped.length - VALUES_SHOWN} more` : '';
      problems.push({
        file: model.declaration.file,
        line: field.line,
        message: `${type.mapping.name}.${field.name}: column ${field.column} holds ${shown.join(', ')}${more}, which "${field.codes ? 'codes' : 'enum'}" maps to nothing: those records answer null with UNMAPPED_CODE`,
      });
    }
  }
  return problems;
}
