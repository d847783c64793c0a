import { CompositionError, readSubgraphList, type SubgraphSource } from './composeSupergraph';

/**
 * The subgraphs of a list, each SDL asked of the running subgraph at its URL
 * (`{ _service { sdl } }`, which every federation subgraph answers): for subgraphs that run
 * elsewhere and whose SDL files are not at hand. A subgraph that does not answer with its SDL
 * within `timeoutMs` is reported by name.
 */
export async function introspectSubgraphSources(listFile: string, timeoutMs = 10_000): Promise<SubgraphSource[]> {
  const entries = readSubgraphList(listFile);
  const problems: string[] = [];
  const sources = await Promise.all(
    entries.map(async ({ name, url, title }): Promise<SubgraphSource | null> => {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const body = (await response.json().catch(() => null)) as { data?: { _service?: { sdl?: unknown } } } | null;
        const sdl = body?.data?._service?.sdl;
        if (typeof sdl !== 'string') throw new Error(`HTTP ${response.status}, no _service.sdl in the answer`);
        return { name, url, title, files: [url], sdl };
      } catch (error) {
        problems.push(`subgraph ${name}: cannot ask ${url} for its SDL (${(error as Error).message})`);
        return null;
      }
    }),
  );
  if (problems.length) throw new CompositionError(problems);
  return sources as SubgraphSource[];
}
