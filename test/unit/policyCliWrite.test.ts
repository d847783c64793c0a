import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../cli/parseOptions';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { POLICIES_DIR } from '../../policies';
import { writeSmallPolicies } from './policyWriteFixture';

/** Write rules in the officers' tools: `policy explain COORD`, `policy matrix`, `policy diff`, over the shipped policies. */
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-cli-write-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = bufferedIo(work);
  let code: number;
  try {
    code = await policyCommand(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    code = 2;
  }
  return { code, out: io.stdout(), err: io.stderr() };
}

/** `file:line` of the first line holding `text` after the line holding `after`, in a shipped policy file. */
function ruleAt(file: string, after: string, text: string): string {
  const lines = fs.readFileSync(path.join(POLICIES_DIR, file), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  return `${file}:${lines.findIndex((line, i) => i > start && line.includes(text)) + 1}`;
}

const ADDRESS_RULE = () => ruleAt('population.yaml', 'householdAddress:', '- departments: [services]');

describe('policy explain COORD', () => {
  it('a writable field → its read decisions for each role, then its write rules with file:line', async () => {
    const { code, out } = await run('explain', 'Person.householdAddress');
    expect(code).toBe(0);
    expect(out).toMatch(/^caseworker \(services, clearance 2\) +MASK\(address\) +caseworker of services: masked \(address\) by population\.yaml:\d+/m);
    expect(out).toMatch(new RegExp(`^WRITERS +RULE\nservices on household-address-change +${ADDRESS_RULE()}$`, 'm'));
  });

  it('a field without write rules → no department may write it', async () => {
    const { out } = await run('explain', 'Person.phone');
    expect(out).toContain('WRITE: no department may write it (no write rule in population.yaml: deny by default)');
  });

  it('--write and --event a rule allows → ALLOWED, naming the rule', async () => {
    const { code, out } = await run('explain', 'Person.householdAddress', '--write', 'services', '--event', 'household-address-change');
    expect(code).toBe(0);
    expect(out.split('\n').at(-1)).toBe(`decision  services on household-address-change: ALLOWED by ${ADDRESS_RULE()}`);
  });

  it('--write and --event on an event the rules do not name → REFUSED, with the reason the department would send back', async () => {
    const { out } = await run('explain', 'Person.householdAddress', '--write', 'services', '--event', 'marriage-registration');
    expect(out.split('\n').at(-1)).toBe(
      "decision  services on marriage-registration: REFUSED: population's policy lets services write Person.householdAddress only on household-address-change, not marriage-registration",
    );
  });

  it('--write without --event → exit 2', async () => {
    const { code, err } = await run('explain', 'Person.householdAddress', '--write', 'services');
    expect(code).toBe(2);
    expect(err).toContain('--write FROM and --event E go together');
  });

  it('--write naming no department of the vocabulary → exit 2 with a suggestion', async () => {
    const { code, err } = await run('explain', 'Person.householdAddress', '--write', 'servces', '--event', 'household-address-change');
    expect(code).toBe(2);
    expect(err).toContain('unknown department "servces" (did you mean "services"?)');
  });

  it('a coordinate the graph does not have → exit 2 with a suggestion', async () => {
    const { code, err } = await run('explain', 'Person.householdAdress');
    expect(code).toBe(2);
    expect(err).toContain('the graph has no field Person.householdAdress (did you mean "Person.householdAddress"?)');
  });

  it('a coordinate with --as → exit 2: a coordinate is explained for every reader', async () => {
    const { code, err } = await run('explain', 'Person.householdAddress', '--as', 'roles=caseworker');
    expect(code).toBe(2);
    expect(err).toContain('--as is for explaining a query');
  });
});

describe('policy matrix: who writes what', () => {
  it('--format md → a closing section with one row per write rule: department, field, writers, events, rule', async () => {
    const { out } = await run('matrix');
    const lines = out.split('\n');
    const section = lines.slice(lines.indexOf('# Who writes what'));
    expect(section).toContain(`| population | Person.householdAddress | services | household-address-change | ${ADDRESS_RULE()} |`);
    expect(section).toContain(
      `| licenses | License.kind | services | food-permit-issued, marriage-registration | ${ruleAt('licenses.yaml', '      kind:', '- departments: [services]')} |`,
    );
    expect(section.filter((line) => /^\| (population|licenses) \|/.test(line))).toHaveLength(3);
  });

  it('--format html → a table of write rules after the access matrix', async () => {
    const { out } = await run('matrix', '--format', 'html');
    expect(out).toContain(
      `<tr class="write"><td>licenses</td><td>License.validUntil</td><td>services</td><td>food-permit-issued, marriage-registration</td><td>${ruleAt('licenses.yaml', '      validUntil:', '- departments: [services]')}</td></tr>`,
    );
    expect(out.indexOf('<h2>Who writes what</h2>')).toBeGreaterThan(out.indexOf('</table>'));
  });
});

/** `policy diff` over the small graph (`policyWriteFixture`): old and new policy folders, new with one line of people.yaml changed. */
describe('policy diff: who may write what', () => {
  const RULE = '          - departments: [services]';
  const EVENTS = '            events: [address-change]';
  async function diff(from: string, to: string) {
    const root = fs.mkdtempSync(path.join(work, 'diff-'));
    writeSmallPolicies(path.join(root, 'old'));
    writeSmallPolicies(path.join(root, 'new'), { from, to });
    return run('diff', path.join(root, 'old'), path.join(root, 'new'), '--supergraph', path.join(root, 'supergraph.graphql'));
  }

  it('a new event on a write rule → exit 3, the field written on more events, and the verdict says writing widens', async () => {
    const { code, out } = await diff(EVENTS, '            events: [address-change, marriage-registration]');
    expect(code).toBe(3);
    expect(out).toMatch(/^WRITER +CHANGE +FIELD +EVENTS\nservices +on more events +Person\.address +marriage-registration$/m);
    expect(out.split('\n').at(-1)).toMatch(
      /^No change in access for any of the \d+ reader classes; who may write WIDENS \(a department may write a field, or on an event, it could not before\): exit 3\.$/,
    );
  });

  it('a new writer on a field → exit 3, that department may now write it', async () => {
    const { code, out } = await diff(RULE, '          - departments: [services, civil]');
    expect(code).toBe(3);
    expect(out).toMatch(/^civil +may now write +Person\.address +address-change$/m);
  });

  it('an event replaced by another → exit 3: widening and narrowing both listed', async () => {
    const { code, out } = await diff(EVENTS, '            events: [address-moved]');
    expect(code).toBe(3);
    expect(out).toMatch(/^services +on more events +Person\.address +address-moved\nservices +on fewer events +Person\.address +address-change$/m);
  });

  it('a write rule removed → exit 0, the writer may no longer write the field, and writing only narrows', async () => {
    const { code, out } = await diff(`        write:\n${RULE}\n${EVENTS}`, '        write: []');
    expect(code).toBe(0);
    expect(out).toMatch(/^services +may no longer write +Person\.address +address-change$/m);
    expect(out.split('\n').at(-1)).toMatch(/; who may write only narrows: exit 0\.$/);
  });
});
