import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE, PROJECT_ROOT } from '../../schema/composeSupergraph';
import { parseOptions } from './parseOptions';

/** `govgraph compose [--check]`: writes schema/supergraph.graphql, or with --check fails when it is stale. */
export async function composeCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { check: { type: 'boolean' } });
  const sources = readSubgraphSources();
  const supergraph = composeSupergraph(sources);
  const relative = path.relative(PROJECT_ROOT, SUPERGRAPH_FILE);
  if (values.check) {
    const current = fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '';
    if (current !== supergraph) {
      console.error(`${relative} is stale: run 'npx govgraph compose' and commit it.`);
      return 1;
    }
    console.log(`${relative} is up to date (${sources.length} subgraphs).`);
    return 0;
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraph);
  console.log(`Composed ${sources.map((s) => s.name).join(', ')} into ${relative}`);
  return 0;
}
