import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { z } from 'zod';
import { unionFieldConflicts } from './unionFieldConflicts';

/** Where the department SDLs and the subgraph list live, relative to the project root. */
export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SUPERGRAPH_FILE = path.join(PROJECT_ROOT, 'schema', 'composition', 'supergraph.graphql');
export const SUBGRAPHS_FILE = path.join(PROJECT_ROOT, 'schema', 'composition', 'subgraphs.json');

const subgraphList = z.record(
  z.string().regex(/^[a-z][a-z0-9]*$/, 'a subgraph name is lower-case letters and digits'),
  z.object({ url: z.url(), title: z.string().min(1).optional(), schema: z.union([z.string(), z.array(z.string()).min(1)]).optional() }),
);

/** One entry of a subgraph list: where the subgraph is served, and (optionally) its SDL file. */
export interface SubgraphListEntry {
  name: string;
  url: string;
  /** Defaults to the name. */
  title: string;
  /** The SDL file as written in the list, if given. */
  schema?: string | string[];
}

export interface SubgraphSource {
  name: string;
  url: string;
  title: string;
  /** The SDL files, in order; several when the list gives them (a department's schema.graphql, then the kit's disclosure types); asked of the running subgraph, its URL. */
  files: string[];
  /** Their text, one after the other. */
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Composition failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/**
 * The entries of a subgraph list (`schema/composition/subgraphs.json`, or another in the same
 * format: `{ "<name>": { "url": "…", "title"?: "…", "schema"?: "<SDL file>" | ["<file>", …] } }`).
 */
export function readSubgraphList(listFile = SUBGRAPHS_FILE): SubgraphListEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  } catch (error) {
    throw new CompositionError([`${listFile}: ${(error as Error).message}`]);
  }
  const parsed = subgraphList.safeParse(raw);
  if (!parsed.success) {
    throw new CompositionError(parsed.error.issues.map((i) => `${listFile}: ${i.path.join('.') || '(top)'}: ${i.message}`));
  }
  return Object.entries(parsed.data).map(([name, entry]) => ({ name, url: entry.url, title: entry.title ?? name, ...(entry.schema && { schema: entry.schema }) }));
}

/**
 * The subgraphs the graph is made of: names and URLs from the list (default
 * `schema/composition/subgraphs.json`), SDL from each entry's `schema` file or files, relative to
 * `root` (default: `subgraphs/<name>/schema.graphql`, a department of this project). A department
 * serving its disclosure log lists the kit's `subgraphs/kit/disclosures/disclosures.graphql`
 * after its own, as the kit adds it when the department starts.
 */
export function readSubgraphSources(listFile = SUBGRAPHS_FILE, root = PROJECT_ROOT): SubgraphSource[] {
  return readSubgraphList(listFile).map(({ name, url, title, schema }) => {
    const files = [schema ?? path.join('subgraphs', name, 'schema.graphql')].flat().map((file) => path.resolve(root, file));
    const missing = files.filter((file) => !fs.existsSync(file));
    if (missing.length) throw new CompositionError(missing.map((file) => `subgraph ${name}: schema file ${path.relative(root, file)} does not exist`));
    return { name, url, title, files, sdl: files.map((file) => fs.readFileSync(file, 'utf8')).join('\n') };
  });
}

/**
 * Composes subgraph SDLs into a supergraph SDL; problems name the subgraph. Also refuses
 * same-named fields of a union's members that clients could not select together.
 */
export function composeSupergraph(sources: SubgraphSource[]): string {
  const problems: string[] = [];
  const services = sources.flatMap((source) => {
    try {
      return [{ name: source.name, url: source.url, typeDefs: parse(source.sdl) }];
    } catch (error) {
      problems.push(
        `subgraph ${source.name} (${source.files.map((file) => (file.includes('://') ? file : path.relative(PROJECT_ROOT, file))).join(' + ')}): ${(error as Error).message}`,
      );
      return [];
    }
  });
  if (problems.length) throw new CompositionError(problems);
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(result.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`));
  }
  const conflicts = unionFieldConflicts(result.supergraphSdl);
  if (conflicts.length) throw new CompositionError(conflicts.map((conflict) => `FIELD_TYPE_CONFLICT: ${conflict}`));
  return result.supergraphSdl;
}
