import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeCommand } from '../../cli/composeCommand';
import { UsageError } from '../../cli/parseOptions';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';
import { BENCHMARK_SUBGRAPHS, benchmarkSubgraphSdls, startFederationBenchmarkSubgraphs, type BenchmarkSubgraphs } from '../support/federationBenchmarkSubgraphs';

/** `govgraph compose --subgraphs FILE.json --out FILE [--introspect]`: another graph than govgraph's own. */
describe('govgraph compose of another graph', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-compose-other-'));
  let subgraphs: BenchmarkSubgraphs;
  let expected: string;
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => {});

  beforeAll(async () => {
    subgraphs = await startFederationBenchmarkSubgraphs();
    const sdls = benchmarkSubgraphSdls();
    expected = composeSupergraph(BENCHMARK_SUBGRAPHS.map((name) => ({ name, url: subgraphs.urls[name], title: name, files: [`${name}.graphql`], sdl: sdls[name] })));
    fs.mkdirSync(path.join(dir, 'sdl'));
    for (const name of BENCHMARK_SUBGRAPHS) fs.writeFileSync(path.join(dir, 'sdl', `${name}.graphql`), sdls[name]);
    const list = (withSchema: boolean) =>
      Object.fromEntries(BENCHMARK_SUBGRAPHS.map((name) => [name, { url: subgraphs.urls[name], ...(withSchema && { schema: `sdl/${name}.graphql` }) }]));
    fs.writeFileSync(path.join(dir, 'with-files.json'), JSON.stringify(list(true)));
    fs.writeFileSync(path.join(dir, 'urls-only.json'), JSON.stringify(list(false)));
  });

  afterAll(async () => {
    quiet.mockRestore();
    await subgraphs?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a list with SDL files (paths relative to the list, no titles) → the supergraph of those SDLs, written to --out', async () => {
    const out = path.join(dir, 'from-files.graphql');
    const code = await composeCommand(['--subgraphs', path.join(dir, 'with-files.json'), '--out', out]);
    expect({ code, same: fs.readFileSync(out, 'utf8') === expected }).toEqual({ code: 0, same: true });
  });

  it('--introspect → each SDL asked of the running subgraph: the same supergraph', async () => {
    const out = path.join(dir, 'introspected.graphql');
    const code = await composeCommand(['--subgraphs', path.join(dir, 'urls-only.json'), '--introspect', '--out', out]);
    expect({ code, same: fs.readFileSync(out, 'utf8') === expected }).toEqual({ code: 0, same: true });
  });

  it('--introspect with a subgraph that does not answer → refused, naming it', async () => {
    const list = path.join(dir, 'one-down.json');
    fs.writeFileSync(list, JSON.stringify({ accounts: { url: subgraphs.urls.accounts }, gone: { url: 'http://127.0.0.1:1/gone' } }));
    await expect(composeCommand(['--subgraphs', list, '--introspect', '--out', path.join(dir, 'never.graphql')])).rejects.toThrow(
      /subgraph gone: cannot ask http:\/\/127\.0\.0\.1:1\/gone for its SDL/,
    );
  });

  it("--out without --subgraphs → a usage error (govgraph's own supergraph has one place)", async () => {
    await expect(composeCommand(['--out', path.join(dir, 'elsewhere.graphql')])).rejects.toThrow(UsageError);
  });
});
