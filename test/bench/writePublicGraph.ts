import fs from 'node:fs';
import path from 'node:path';
import { scaffoldPolicies } from '../../policies';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';
import { BENCHMARK_SUBGRAPHS, benchmarkSubgraphSdls, FEDERATION_BENCHMARK_DIR, type BenchmarkSubgraph } from '../support/federationBenchmarkSubgraphs';

export interface PublicGraphFiles {
  supergraphFile: string;
  policiesDir: string;
}

/**
 * Into `dir`: the public federation benchmark's supergraph, composed from its four SDLs with the
 * URLs its subgraphs run at (`supergraph.graphql`), and the policy folder `policy scaffold
 * --allow-public` writes for it (`policies/`: every field public), as docs/running-any-graph.md
 * has a new user do.
 */
export function writePublicGraph(dir: string, urls: Record<BenchmarkSubgraph, string>): PublicGraphFiles {
  const sdls = benchmarkSubgraphSdls();
  const supergraph = composeSupergraph(
    BENCHMARK_SUBGRAPHS.map((name) => ({ name, url: urls[name], title: name, files: [path.join(FEDERATION_BENCHMARK_DIR, 'subgraphs.graphql')], sdl: sdls[name] })),
  );
  const supergraphFile = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphFile, supergraph);
  const policiesDir = path.join(dir, 'policies');
  fs.mkdirSync(policiesDir);
  for (const { file, text } of scaffoldPolicies(supergraph, { allowPublic: true })) fs.writeFileSync(path.join(policiesDir, file), text);
  return { supergraphFile, policiesDir };
}
