import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { loadPolicySet, SCAFFOLD_DESCRIPTION, type Reader } from '../../policies';
import { composeSupergraph } from '../../schema/composition/composeSupergraph';
import { BENCHMARK_SUBGRAPHS, benchmarkSubgraphSdls } from '../support/federationBenchmarkSubgraphs';

/**
 * `govgraph policy scaffold` over a graph that is not govgraph's (the public federation
 * benchmark's), and `policy check` over what it writes.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-scaffold-'));
const supergraphFile = path.join(root, 'supergraph.graphql');
const sdls = benchmarkSubgraphSdls();
fs.writeFileSync(
  supergraphFile,
  composeSupergraph(BENCHMARK_SUBGRAPHS.map((name) => ({ name, url: `http://127.0.0.1:1/${name}`, title: name, files: [`${name}.graphql`], sdl: sdls[name] }))),
);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function policy(...args: string[]) {
  const io = bufferedIo(root);
  const code = await policyCommand(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

let folders = 0;
/** A new scaffold folder, written by `policy scaffold` with `extra` options. */
async function scaffold(...extra: string[]): Promise<string> {
  const out = path.join(root, `policies-${++folders}`);
  const { code, out: text, err } = await policy('scaffold', '--supergraph', supergraphFile, '--out', out, ...extra);
  if (code !== 0) throw new Error(`scaffold exited ${code}:\n${text}\n${err}`);
  return out;
}

const ANONYMOUS: Reader = { identity: null, purpose: null };
const EVERY_CLAIM: Reader = { identity: { sub: 'someone', roles: ['admin', 'officer'], dept: 'accounts', clearance: 4 }, purpose: null };

describe('policy scaffold', () => {
  it('without --allow-public → a folder `policy check` passes (exit 0)', async () => {
    const dir = await scaffold();
    const { code, out } = await policy('check', '--dir', dir, '--supergraph', supergraphFile);
    expect({ code, passed: out.includes('every field of the supergraph has exactly one valid rule') }).toEqual({ code: 0, passed: true });
  });

  it('without --allow-public → every field of the graph denied, to anonymous readers and to a reader with every claim', async () => {
    const policies = loadPolicySet({ dir: await scaffold(), supergraphSdl: fs.readFileSync(supergraphFile, 'utf8') });
    const coordinates = policies.catalog().map((entry) => entry.coordinate);
    const notDenied = coordinates.filter((coordinate) =>
      [ANONYMOUS, EVERY_CLAIM].some((reader) => {
        const decision = policies.decide(coordinate, reader);
        return decision.others.kind !== 'DENY' || decision.own !== undefined;
      }),
    );
    // The benchmark's fields: Query 4, User 5, Product 7, Review 4.
    expect({ fields: coordinates.length, notDenied }).toEqual({ fields: 20, notDenied: [] });
  });

  it('--allow-public → every field allowed to anonymous readers', async () => {
    const policies = loadPolicySet({ dir: await scaffold('--allow-public'), supergraphSdl: fs.readFileSync(supergraphFile, 'utf8') });
    const notAllowed = policies.catalog().filter((entry) => policies.decide(entry.coordinate, ANONYMOUS).others.kind !== 'ALLOW');
    expect(notAllowed).toEqual([]);
  });

  it("the subgraphs → the vocabulary's departments, one policy file each", async () => {
    const dir = await scaffold();
    expect(fs.readdirSync(dir).sort()).toEqual(['accounts.yaml', 'inventory.yaml', 'products.yaml', 'reviews.yaml', 'vocabulary.yaml']);
  });

  it('--out a folder that is not empty → exit 2, nothing written', async () => {
    const out = path.join(root, 'taken');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'vocabulary.yaml'), 'mine');
    const { code, err } = await policy('scaffold', '--supergraph', supergraphFile, '--out', out);
    expect({ code, err, files: fs.readdirSync(out), kept: fs.readFileSync(path.join(out, 'vocabulary.yaml'), 'utf8') }).toEqual({
      code: 2,
      err: expect.stringContaining('taken is not empty; nothing was written'),
      files: ['vocabulary.yaml'],
      kept: 'mine',
    });
  });
});

describe('policy check on a scaffold', () => {
  it('fields still carrying the placeholder description → each named as a warning, exit 0', async () => {
    const dir = await scaffold();
    const { code, out, err } = await policy('check', '--dir', dir, '--supergraph', supergraphFile);
    const warned = [...out.matchAll(/^\S+\.yaml:\d+: warning: (\S+) still has the scaffold's placeholder description/gm)].map((match) => match[1]);
    expect({ code, warned: warned.length, named: warned.includes('Review.body'), err: err.includes("20 field(s) still carry the scaffold's placeholder description") }).toEqual({
      code: 0,
      warned: 20,
      named: true,
      err: true,
    });
  });

  it('a placeholder replaced by a real description → that field no longer named', async () => {
    const dir = await scaffold();
    const file = path.join(dir, 'reviews.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const bodyRule = text.indexOf('      body:\n');
    fs.writeFileSync(file, text.slice(0, bodyRule) + text.slice(bodyRule).replace(`"${SCAFFOLD_DESCRIPTION}"`, 'What the reviewer wrote.'));
    const { code, out } = await policy('check', '--dir', dir, '--supergraph', supergraphFile);
    expect({ code, named: out.includes('Review.body still has'), others: (out.match(/warning:/g) ?? []).length }).toEqual({ code: 0, named: false, others: 19 });
  });
});
