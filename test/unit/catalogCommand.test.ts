import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogCommand } from '../../cli/catalogCommand';
import { UsageError } from '../../cli/parseOptions';
import { bufferedIo } from '../../cli/policy/policyIo';
import { loadPolicySet, POLICIES_DIR } from '../../policies';
import { buildCatalog, type CatalogEntry } from '../../schema/catalog/catalogEntries';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { readResourceCodes } from '../../schema/catalog/resourceCodes';

/** `govgraph catalog` over the shipped supergraph and policies. */
async function run(args: string[], cwd = process.cwd()) {
  const io = bufferedIo(cwd);
  const code = await catalogCommand(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('govgraph catalog', () => {
  let json: CatalogEntry[];
  beforeAll(async () => {
    json = JSON.parse((await run(['--format', 'json'])).out);
  });

  it('--format json → the entries the catalog subgraph serves (same generator, same policies)', () => {
    const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(json).toEqual(buildCatalog({ supergraphSdl, policies: loadPolicySet({ dir: POLICIES_DIR, supergraphSdl }), codes: readResourceCodes() }));
  });

  it('--format csv → a header, then one line per entry with quoted text where needed', async () => {
    const lines = (await run(['--format', 'csv'])).out.split('\n');
    expect(lines[0]).toBe('resource code,field,resource name,provider,description,data type,format,sharing type,sensitivity,update cycle,open to public,who may read');
    expect(lines).toHaveLength(json.length + 1);
    const household = json.find((entry) => entry.coordinate === 'Person.householdAddress')!;
    expect(lines).toContain(
      `${household.resourceCode},Person.householdAddress,Person: household address,population,Address of household registration (hukou).,String,text,conditional,3,on-change,false,${household.readers}`,
    );
    expect(lines.find((line) => line.includes(',CatalogEntry.coordinate,'))).toContain(',"Field coordinate, e.g. Person.householdAddress.",');
  });

  it('--format md (the default) → a section per provider in vocabulary order, platform last', async () => {
    const lines = (await run([])).out.split('\n');
    expect(lines.filter((line) => line.startsWith('## '))).toEqual([
      '## population',
      '## market',
      '## licenses',
      '## services',
      '## catalog',
      '## hrss',
      '## fund',
      '## civil',
      '## analysis',
      '## platform',
    ]);
    expect(lines.find((line) => line.includes('| Person.ethnicity |'))).toMatch(
      /^\| POP-01-\d{3} \| Person\.ethnicity \| Ethnic group as registered\. \| `String` \| none \| 4 \| on-change \| no \| ALLOW: officer · dept population · clearance 4\. Own record: /,
    );
  });

  it('--out FILE → the export written there, and a line saying so on stderr', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-out-'));
    try {
      const { code, out, err } = await run(['--format', 'json', '--out', 'catalog.json'], dir);
      expect([code, out]).toEqual([0, '']);
      expect(err).toBe(`Wrote ${json.length} catalog entries to catalog.json`);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8'))).toEqual(json);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown format → usage error naming the formats', async () => {
    await expect(run(['--format', 'xml'])).rejects.toThrow(new UsageError("catalog: --format must be one of md, csv, json, got 'xml'"));
  });

  it('policies that do not load → exit 1 with their problems at file:line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-bad-'));
    try {
      fs.cpSync(POLICIES_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.md') && !src.endsWith('.ts') });
      fs.writeFileSync(path.join(dir, 'catalog.yaml'), fs.readFileSync(path.join(dir, 'catalog.yaml'), 'utf8').replace('      readers: {}\n', ''));
      const { code, err } = await run(['--dir', dir]);
      expect(code).toBe(1);
      expect(err).toMatch(/catalog\.yaml:\d+: CatalogEntry\.readers has no rule/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
