/**
 * Where a subgraph is reached: `overrides[name]`, else env `GOVGRAPH_<NAME>_URL`, else the
 * URL baked into the supergraph at composition.
 */
export function resolveSubgraphUrl(
  name: string,
  bakedUrl: string | undefined,
  overrides: Record<string, string> = {},
  env: NodeJS.ProcessEnv = process.env,
): string {
  const url = overrides[name] || env[`GOVGRAPH_${name.toUpperCase()}_URL`] || bakedUrl;
  if (!url) {
    throw new Error(`Subgraph ${name} has no URL: set GOVGRAPH_${name.toUpperCase()}_URL or compose the supergraph with a url for it in schema/subgraphs.json`);
  }
  return url;
}
