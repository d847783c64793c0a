import fs from 'node:fs';
import { composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE, CompositionError, type SubgraphSource } from '../../schema/composition/composeSupergraph';

describe('composition', () => {
  it('committed schema/composition/supergraph.graphql equals a fresh composition (run `npx govgraph compose` when this fails)', () => {
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph(readSubgraphSources()));
  });

  it('conflicting field types → error naming the subgraphs involved', () => {
    const sources = readSubgraphSources();
    const broken: SubgraphSource = {
      name: 'rogue',
      url: 'http://127.0.0.1:1/graphql',
      title: 'test',
      files: ['rogue.graphql'],
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])\n type Person @key(fields: "idNumber") { idNumber: ID! name: Int @shareable }',
    };
    let error: unknown;
    try {
      composeSupergraph([...sources, broken]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as Error).message).toMatch(/rogue/);
    expect((error as Error).message).toMatch(/population/);
  });

  it('union members whose same-named fields a client cannot select together → FIELD_TYPE_CONFLICT naming both', () => {
    const sources = readSubgraphSources().map((source) =>
      source.name === 'market' ? { ...source, sdl: source.sdl.replace(/(type Enterprise @key\(fields: "creditCode"\) \{[^}]*?\n  name: )String\n/, '$1String!\n') } : source,
    );
    expect(sources.find((source) => source.name === 'market')!.sdl).toMatch(/\n  name: String!\n/);
    expect(() => composeSupergraph(sources)).toThrow(
      /FIELD_TYPE_CONFLICT: LicenseHolder: Person\.name is String but Enterprise\.name is String!; a client selecting both in one query is refused/,
    );
  });

  it('SDL syntax error → error naming the subgraph and file', () => {
    const broken: SubgraphSource = { name: 'typo', url: 'http://127.0.0.1:1/graphql', title: 't', files: ['/x/typo.graphql'], sdl: 'type Query { a: }' };
    expect(() => composeSupergraph([broken])).toThrow(/subgraph typo .*Syntax Error/);
  });
});
