import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE, PROJECT_ROOT } from '../schema/composition/composeSupergraph';
import { introspectSubgraphSources } from '../schema/composition/introspectSubgraphSources';
import { parseOptions, UsageError } from './parseOptions';
import { catalogFieldsOf } from '../schema/catalog/catalogEntries';
import { assignResourceCodes, formatResourceCodes, readResourceCodes, RESOURCE_CODES_FILE, uncodedFields } from '../schema/catalog/resourceCodes';
import { readSupergraph } from '../policies';

const USAGE = 'govgraph compose [--check] [--subgraphs FILE.json --out FILE [--introspect]]';

/**
 * `govgraph compose [--check]`: writes schema/composition/supergraph.graphql and gives every new field
 * its catalog resource code in schema/catalog/resourceCodes.json; with --check fails when either is
 * stale.
 *
 * `govgraph compose --subgraphs FILE.json --out FILE [--introspect] [--check]`: composes another
 * graph, listed in FILE.json as schema/composition/subgraphs.json lists this one (`schema` paths
 * relative to FILE.json's folder), into FILE, for `govgraph gateway --supergraph FILE`; with
 * --introspect each SDL is asked of the running subgraph at its `url` instead. No resource codes:
 * those number this project's own graph.
 */
export async function composeCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { check: { type: 'boolean' }, subgraphs: { type: 'string' }, out: { type: 'string' }, introspect: { type: 'boolean' } });
  if (values.subgraphs || values.out || values.introspect) {
    if (!values.subgraphs || !values.out)
      throw new UsageError(`compose: --subgraphs and --out go together (this project's own supergraph is written only from schema/composition/subgraphs.json)\nusage: ${USAGE}`);
    return composeOther(path.resolve(values.subgraphs), path.resolve(values.out), { introspect: values.introspect ?? false, check: values.check ?? false });
  }
  const sources = readSubgraphSources();
  const supergraph = composeSupergraph(sources);
  const relative = path.relative(PROJECT_ROOT, SUPERGRAPH_FILE);
  const codesRelative = path.relative(PROJECT_ROOT, RESOURCE_CODES_FILE);
  const fields = catalogFieldsOf(readSupergraph(supergraph));
  const registry = readResourceCodes();
  if (values.check) {
    const current = fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
    if (current !== supergraph) {
      console.error(`${relative} is stale: run 'npx govgraph compose' and commit it.`);
      return 1;
    }
    const uncoded = uncodedFields(registry, fields);
    if (uncoded.length > 0) {
      console.error(`${codesRelative} has no resource code for ${uncoded.join(', ')}: run 'npx govgraph compose' and commit it.`);
      return 1;
    }
    console.log(`${relative} is up to date (${sources.length} subgraphs).`);
    return 0;
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraph);
  console.log(`Composed ${sources.map((s) => s.name).join(', ')} into ${relative}`);
  const uncoded = uncodedFields(registry, fields);
  if (uncoded.length > 0) {
    fs.writeFileSync(RESOURCE_CODES_FILE, formatResourceCodes(assignResourceCodes(registry, fields)));
    console.log(`Gave ${uncoded.length} new field${uncoded.length === 1 ? '' : 's'} a resource code in ${codesRelative}`);
  }
  return 0;
}

async function composeOther(listFile: string, out: string, { introspect, check }: { introspect: boolean; check: boolean }): Promise<number> {
  const sources = introspect ? await introspectSubgraphSources(listFile) : readSubgraphSources(listFile, path.dirname(listFile));
  const supergraph = composeSupergraph(sources);
  const relative = path.relative(process.cwd(), out);
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? out : relative;
  if (check) {
    const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    if (current !== supergraph) {
      console.error(`${shown} is stale: run this command without --check to write it.`);
      return 1;
    }
    console.log(`${shown} is up to date (${sources.length} subgraphs).`);
    return 0;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, supergraph);
  console.log(`Composed ${sources.map((s) => `${s.name} (${s.url})`).join(', ')} into ${shown}`);
  return 0;
}
