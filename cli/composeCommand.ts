import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE, PROJECT_ROOT } from '../schema/composition/composeSupergraph';
import { parseOptions } from './parseOptions';
import { catalogFieldsOf } from '../schema/catalog/catalogEntries';
import { assignResourceCodes, formatResourceCodes, readResourceCodes, RESOURCE_CODES_FILE, uncodedFields } from '../schema/catalog/resourceCodes';
import { readSupergraph } from '../policies';

/**
 * `govgraph compose [--check]`: writes schema/composition/supergraph.graphql and gives every new field
 * its catalog resource code in schema/catalog/resourceCodes.json; with --check fails when either is
 * stale.
 */
export async function composeCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { check: { type: 'boolean' } });
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
