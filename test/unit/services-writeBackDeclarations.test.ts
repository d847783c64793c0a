import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWriteBackDeclarations, parseWriteBackDeclarations, WRITE_BACKS_FILE } from '../../subgraphs/services/writeBack/writeBackDeclarations';

const FILE = 'writeBacks.yaml';

/** The declarations' problems as `line: message`. */
function problemsOf(text: string): string[] {
  return parseWriteBackDeclarations(FILE, text).problems.map((p) => `${p.line}: ${p.message}`);
}

const GOOD = `items:
  SI-0026:
    event: household-address-change
    details:
      newAddress: the new household address
    writes:
      - department: population
        action: updatePerson
        type: Person
        key: applicant
        values:
          householdAddress: { detail: newAddress }
`;

describe('writeBacks.yaml', () => {
  it('the shipped file → three items writing to licenses and population, SI-0026 requiring newAddress', () => {
    const { items } = loadWriteBackDeclarations();
    expect([...items.keys()]).toEqual(['SI-0001', 'SI-0026', 'SI-0030']);
    expect(new Set([...items.values()].flatMap((item) => item.writes.map((w) => w.department)))).toEqual(new Set(['licenses', 'population']));
    expect(items.get('SI-0026')!.details.map((d) => d.name)).toEqual(['newAddress']);
    expect(items.get('SI-0001')!.writes[0].values).toEqual({
      kind: { kind: 'literal', value: 'FOOD_OPERATION_PERMIT' },
      validUntil: { kind: 'yearsAfterCompletion', years: 5 },
    });
  });

  it('a well-formed item → no problem', () => {
    expect(problemsOf(GOOD)).toEqual([]);
  });

  it('a value written from a detail the item does not declare → refused at its line', () => {
    expect(problemsOf(GOOD.replace('{ detail: newAddress }', '{ detail: oldAddress }').replace('    details:\n      newAddress: the new household address\n', ''))).toEqual([
      '10: items.SI-0026.writes[0].values.householdAddress writes the detail "oldAddress", which the item\'s "details" does not declare',
    ]);
  });

  it('a misspelt setting → refused at its line, naming the settings it takes', () => {
    expect(problemsOf(GOOD.replace('action:', 'actoin:'))).toEqual([
      '8: items.SI-0026.writes[0] has no setting "actoin" (it takes department, action, type, key, values)',
      '7: items.SI-0026.writes[0] needs "action"',
    ]);
  });

  it('an event name that is not lower-case with dashes → refused at its line', () => {
    expect(problemsOf(GOOD.replace('household-address-change', 'HouseholdMove'))).toEqual([
      '3: items.SI-0026.event must be lower-case words joined by dashes (household-address-change), not "HouseholdMove"',
    ]);
  });

  it('an enterprise key on an item a person applies for → refused: its applications name no enterprise', () => {
    expect(problemsOf(GOOD.replace('key: applicant', 'key: enterprise'))).toEqual([
      '10: items.SI-0026.writes[0].key: SI-0026 is applied for by a person, so its applications name no enterprise; use "applicant"',
    ]);
  });

  it('a value that is neither a scalar, a detail nor yearsAfterCompletion → refused at its line', () => {
    expect(problemsOf(GOOD.replace('{ detail: newAddress }', '{ daysAfter: 3 }'))).toEqual([
      '12: items.SI-0026.writes[0].values.householdAddress must be a value, { detail: NAME } or { yearsAfterCompletion: N }',
      '5: items.SI-0026.details.newAddress is declared but no write uses it; remove it, or write it with { detail: newAddress }',
    ]);
  });

  it('YAML that does not parse → refused with the line', () => {
    expect(problemsOf('items:\n  SI-0001:\n    event: [unclosed\n')).toEqual([expect.stringMatching(/^\d+: the file does not parse as YAML/)]);
  });

  it('a file with problems at start-up → an error naming the file and line of each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-backs-'));
    const file = path.join(dir, FILE);
    fs.writeFileSync(file, GOOD.replace('type: Person', 'type: person'));
    try {
      expect(() => loadWriteBackDeclarations(file)).toThrow(`${file}:9: items.SI-0026.writes[0].type must be a GraphQL type name (License), not "person"`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the shipped file is where the services department reads it', () => {
    expect(path.relative(path.resolve(__dirname, '../..'), WRITE_BACKS_FILE)).toBe(path.join('subgraphs', 'services', 'writeBacks.yaml'));
  });
});
