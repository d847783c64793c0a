/**
 * Where a subgraph is reached: `overrides[name]` (given in code, or `GOVGRAPH_<NAME>_URL` in the
 * configuration), else the URL baked into the supergraph at composition.
 */
export function resolveSubgraphUrl(name: string, bakedUrl: string | undefined, overrides: Record<string, string> = {}): string {
  const url = overrides[name] || bakedUrl;
  if (!url) {
    throw new Error(`Subgraph ${name} has no URL: set GOVGRAPH_${name.toUpperCase()}_URL or compose the supergraph with a url for it in schema/composition/subgraphs.json`);
  }
  return url;
}
