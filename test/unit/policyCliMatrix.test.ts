import fs from 'node:fs';
import { policyCommand } from '../../cli/policy/policyCommand';
import { describeCell, loadPolicySet, POLICIES_DIR, type MatrixCell } from '../../policies';
import { typicalProfiles } from '../../policies/engine/readerClasses';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { bufferedIo } from '../../cli/policy/policyIo';

/** `govgraph policy matrix` over the shipped policies: a few rows of each format. */
async function matrix(format: string): Promise<string[]> {
  const io = bufferedIo(process.cwd());
  expect(await policyCommand(['matrix', '--format', format], io)).toBe(0);
  return io.stdout().split('\n');
}

const rowOf = (lines: string[], field: string) => lines.find((line) => line.includes(field) && !line.includes(`${field}.`))!;

describe('policy matrix --format md', () => {
  let lines: string[];
  beforeAll(async () => {
    lines = await matrix('md');
  });

  it('the header → anonymous, then each role with its typical department and clearance', () => {
    expect(lines[lines.indexOf('## population') + 2]).toBe(
      '| field | anonymous | citizen (no department, clearance 1) | caseworker (services, clearance 2) | reviewer (market, clearance 3) | officer (population, clearance 4) | auditor (audit, clearance 3) | analyst (statistics, clearance 2) | manager (services, clearance 2) |',
    );
  });

  it('a purpose-dependent field → the cell says which purpose gives what, and what else', () => {
    expect(rowOf(lines, '| Person.householdAddress |')).toBe(
      '| Person.householdAddress | DENY | own only | MASK(address) | ALLOW with application-review, else own only | ALLOW | own only | MASK(address) with statistics, else own only | own only |',
    );
  });

  it('a key the citizen reads on their own record → own only (sub)', () => {
    expect(rowOf(lines, '| Person.idNumber |')).toBe(
      '| Person.idNumber | DENY | own only (sub) | MASK(idNumber) | ALLOW with license-verification, else MASK(idNumber) | ALLOW | MASK(idNumber) | own only (sub) | own only (sub) |',
    );
  });

  it('departments → one section each, in vocabulary order, platform last', () => {
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
  });
});

describe('policy matrix --format csv', () => {
  let lines: string[];
  beforeAll(async () => {
    lines = await matrix('csv');
  });

  it('the header and a row → department, field, one quoted cell per profile where it has a comma', () => {
    expect(lines[0]).toBe(
      'department,field,anonymous,"citizen (no department, clearance 1)","caseworker (services, clearance 2)","reviewer (market, clearance 3)","officer (population, clearance 4)","auditor (audit, clearance 3)","analyst (statistics, clearance 2)","manager (services, clearance 2)"',
    );
    expect(rowOf(lines, ',Person.householdAddress,')).toBe(
      'population,Person.householdAddress,DENY,own only,MASK(address),"ALLOW with application-review, else own only",ALLOW,own only,"MASK(address) with statistics, else own only",own only',
    );
  });

  it('every field → one line', () => {
    const policies = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') });
    const populationFields = policies
      .catalog()
      .filter((entry) => entry.department === 'population')
      .map((entry) => entry.coordinate);
    expect(lines.filter((line) => line.startsWith('population,')).map((line) => line.split(',')[1])).toEqual(populationFields);
  });
});

describe('policy matrix --format html', () => {
  let html: string;
  beforeAll(async () => {
    html = (await matrix('html')).join('\n');
  });

  it('a row → one cell per profile, classed by access, dashed where a purpose changes it', () => {
    expect(rowOf(html.split('\n'), '>Query.people<')).toBe(
      '<tr><td class="field">Query.people</td><td class="deny">DENY</td><td class="deny">DENY</td><td class="allow">ALLOW</td><td class="deny">DENY</td><td class="allow">ALLOW</td><td class="deny">DENY</td><td class="allow">ALLOW</td><td class="deny">DENY</td></tr>',
    );
    expect(rowOf(html.split('\n'), '>Person.phone<')).toContain('<td class="own purpose">MASK(phone) with application-review, else own only</td>');
  });

  it('the page → self-contained: no external URL, script, stylesheet link or import', () => {
    expect(html).not.toMatch(/https?:|<script|<link|@import|url\(/);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('the page → the same bytes on every run', async () => {
    expect((await matrix('html')).join('\n')).toBe(html);
  });
});

describe('matrix cells', () => {
  it('two purposes giving two accesses → both listed, then the access without a purpose', () => {
    const cell: MatrixCell = {
      base: { kind: 'DENY' },
      withPurposes: [
        { purposes: ['audit', 'statistics'], access: { kind: 'ALLOW' } },
        { purposes: ['review'], access: { kind: 'MASK', mask: 'name' } },
      ],
    };
    expect(describeCell(cell)).toBe('ALLOW with audit or statistics; MASK(name) with review; else DENY');
  });

  it('a role the typical holders do not list → no department, clearance 1, marked as such', () => {
    expect(typicalProfiles({ roles: ['inspector'], departments: [], purposes: [] })[1]).toEqual({ kind: 'signedIn', role: 'inspector', dept: null, clearance: 1, typical: false });
  });
});

it('an unknown --format → usage error', async () => {
  await expect(policyCommand(['matrix', '--format', 'pdf'], bufferedIo(process.cwd()))).rejects.toThrow("--format must be one of md, csv, html, got 'pdf'");
});
