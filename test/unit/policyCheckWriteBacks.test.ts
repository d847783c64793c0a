import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../cli/parseOptions';
import { policyCommand } from '../../cli/policy/policyCommand';
import { bufferedIo } from '../../cli/policy/policyIo';
import { checkWriteBacks, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { SMALL_DECLARATIONS, writeSmallPolicies } from './policyWriteFixture';

/**
 * Write rules held against service items' write-back declarations: `checkWriteBacks` over the
 * shipped policies for each kind of problem, `govgraph policy check --write-backs FILE` for the
 * exit code and the format.
 */
const DECLARATIONS = `items:
  SI-0001:
    event: food-permit-issued
    writes:
      - department: licenses
        action: issueLicense
        type: License
        key: enterprise
        values:
          kind: FOOD_OPERATION_PERMIT
          validUntil: { yearsAfterCompletion: 5 }
  SI-0026:
    event: household-address-change
    details: { newAddress: "..." }
    writes:
      - department: population
        action: updatePerson
        type: Person
        key: applicant
        values:
          householdAddress: { detail: newAddress }
  SI-0030:
    event: marriage-registration
    writes:
      - department: licenses
        action: issueLicense
        type: License
        key: applicant
        values: { kind: MARRIAGE_CERTIFICATE }
`;

let dir: string;
let supergraphSdl: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-backs-'));
  supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The declarations with `from` (which must occur once) replaced by `to`. */
function edited(from: string, to: string, text = DECLARATIONS): string {
  if (text.split(from).length !== 2) throw new Error(`"${from}" does not occur exactly once`);
  return text.replace(from, to);
}

const lineIn = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

/** The problems of the shipped policies against these declarations, as `file:line: message`. */
const problems = (text: string) =>
  checkWriteBacks({ dir: POLICIES_DIR, supergraphSdl, declarations: { file: 'writeBacks.yaml', text } }).map((p) => `${p.file}:${p.line}: ${p.message}`);

/** The lines of a shipped licenses.yaml write rule's events. */
const licenseEventLines = () =>
  fs
    .readFileSync(path.join(POLICIES_DIR, 'licenses.yaml'), 'utf8')
    .split('\n')
    .flatMap((line, i) => (line.includes('events: [food-permit-issued, marriage-registration]') ? [i + 1] : []));

const WITH_PHONE = edited('          householdAddress: { detail: newAddress }', '          householdAddress: { detail: newAddress }\n          phone: { detail: newPhone }');
const WITHOUT_MARRIAGE = DECLARATIONS.slice(0, DECLARATIONS.indexOf('  SI-0030:'));

async function check(declarations: string) {
  writeSmallPolicies(path.join(dir, 'policies'));
  fs.writeFileSync(path.join(dir, 'writeBacks.yaml'), declarations);
  const io = bufferedIo(dir);
  const code = await policyCommand(['check', '--dir', 'policies', '--supergraph', 'supergraph.graphql', '--write-backs', 'writeBacks.yaml'], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** `policy check` over the small graph (`policyWriteFixture`), its policies in `policies/` of the temp directory. */
describe('policy check --write-backs', () => {
  it('every declared write allowed and every rule event declared → exit 0, saying so', async () => {
    const { code, out } = await check(SMALL_DECLARATIONS);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual([
      'policies: every field of the supergraph has exactly one valid rule, and every field a reader may be denied is nullable.',
      'writeBacks.yaml: a write rule allows every write-back the service items declare, and every event a write rule names is declared here.',
    ]);
  });

  it('problems in the declarations and in the policy files → exit 1, each as file:line as one would type it', async () => {
    const { code, out, err } = await check(SMALL_DECLARATIONS.replace('event: address-change', 'event: adress-change').replace('address: {', 'phone: {'));
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'policies/people.yaml:12: no service item declares the event "address-change" (did you mean "adress-change"?), so this write rule never matches it: the events are those the items of writeBacks.yaml declare',
      "writeBacks.yaml:9: SI-0026 writes Person.phone on adress-change, which would always be refused: people's policy lets no department write Person.phone. Add a write rule for services on adress-change to Person.phone in people.yaml, or remove the write",
    ]);
    expect(err).toBe(
      '2 problem(s) between the write rules and the write-backs the service items declare: a write-back no rule allows is always refused, and a rule on an event no item declares never applies (the policies themselves load).',
    );
  });

  it('a --write-backs file that cannot be read → a usage error', async () => {
    await expect(policyCommand(['check', '--write-backs', 'missing.yaml'], bufferedIo(dir))).rejects.toThrow(UsageError);
  });
});

describe('checkWriteBacks', () => {
  it('the shipped policies and declarations in the shipped format → no problems', () => {
    expect(problems(DECLARATIONS)).toEqual([]);
  });

  it('a declared write no write rule allows → at the written field: the reason, and where to add a rule', () => {
    expect(problems(WITH_PHONE)).toEqual([
      `writeBacks.yaml:${lineIn(WITH_PHONE, 'phone:')}: SI-0026 writes Person.phone on household-address-change, which would always be refused: population's policy lets no department write Person.phone. Add a write rule for services on household-address-change to Person.phone in population.yaml, or remove the write`,
    ]);
  });

  it('a declared write of a field the graph does not have → at the field, with a suggestion', () => {
    const text = edited('householdAddress: { detail', 'householdAdress: { detail');
    expect(problems(text)).toEqual([
      `writeBacks.yaml:${lineIn(text, 'householdAdress')}: SI-0026 writes Person.householdAdress, which the graph does not have (did you mean "householdAddress"?)`,
    ]);
  });

  it('a declared write to a type the graph does not have → at the type', () => {
    const text = edited('        type: Person', '        type: Persn');
    expect(problems(text)).toEqual([
      `writeBacks.yaml:${lineIn(text, 'type: Persn')}: SI-0026 writes to type Persn, which is not a type of record in the graph (did you mean "Person"?)`,
    ]);
  });

  it('a write sent to a department whose policy does not cover the field → at the department, naming the one that does', () => {
    const text = edited('      - department: population', '      - department: licenses');
    expect(problems(text)).toEqual([
      `writeBacks.yaml:${lineIn(DECLARATIONS, '- department: population')}: SI-0026 sends Person.householdAddress to licenses, but population's policy covers it (population.yaml): send it to population`,
    ]);
  });

  it('a write rule naming an event no item declares → at the event, in each rule naming it', () => {
    expect(licenseEventLines()).toHaveLength(2);
    expect(problems(WITHOUT_MARRIAGE)).toEqual(
      licenseEventLines().map(
        (line) =>
          `licenses.yaml:${line}: no service item declares the event "marriage-registration", so this write rule never matches it: the events are those the items of writeBacks.yaml declare`,
      ),
    );
  });

  it('an item without an event → at the item', () => {
    const text = edited('    event: marriage-registration\n', '');
    expect(problems(text)).toContain(`writeBacks.yaml:${lineIn(text, 'SI-0030:')}: SI-0030 declares no event: add "event:", the name write rules allow writes on`);
  });
});
