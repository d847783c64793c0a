import fs from 'node:fs';
import path from 'node:path';
import { buildCatalog } from '../schema/catalog/catalogEntries';
import { readResourceCodes } from '../schema/catalog/resourceCodes';
import { CATALOG_FORMATS, formatCatalogCsv, formatCatalogJson, formatCatalogMarkdown, type CatalogFormat } from './catalogFormat';
import { parseOptions, UsageError } from './parseOptions';
import { processIo, type PolicyIo } from './policy/policyIo';
import { loadPoliciesOrReport } from './policy/loadPoliciesOrReport';

export const CATALOG_USAGE = 'govgraph catalog [--format md|csv|json] [--out FILE] [--dir policies] [--supergraph schema/composition/supergraph.graphql]';

/**
 * `govgraph catalog`: the data catalog — every field of the supergraph with its resource
 * code, provider, description, type, sharing type, sensitivity, update cycle and who may
 * read it — from the supergraph and the policy files, as the catalog subgraph serves it.
 */
export async function catalogCommand(args: string[], io: PolicyIo = processIo()): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string' }, out: { type: 'string' }, dir: { type: 'string' }, supergraph: { type: 'string' } });
  if (positionals.length) throw new UsageError(`catalog: unexpected argument '${positionals[0]}'\nusage: ${CATALOG_USAGE}`);
  const format = (values.format ?? 'md') as CatalogFormat;
  if (!CATALOG_FORMATS.includes(format)) throw new UsageError(`catalog: --format must be one of ${CATALOG_FORMATS.join(', ')}, got '${values.format}'`);
  const loaded = loadPoliciesOrReport(values, io);
  if (!loaded) return 1;
  const { supergraphSdl } = loaded;
  const entries = buildCatalog({ supergraphSdl, policies: loaded.policies, decider: loaded.decider, codes: readResourceCodes() });
  const lines =
    format === 'csv' ? formatCatalogCsv(entries) : format === 'json' ? formatCatalogJson(entries) : formatCatalogMarkdown(entries, [...loaded.vocabulary.departments.keys()]);
  if (values.out === undefined) {
    for (const line of lines) io.out(line);
    return 0;
  }
  const out = path.resolve(io.cwd, values.out);
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  io.err(`Wrote ${entries.length} catalog entries to ${path.relative(io.cwd, out) || out}`);
  return 0;
}
