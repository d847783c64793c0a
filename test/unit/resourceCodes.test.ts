import fs from 'node:fs';
import { readSupergraph } from '../../policies';
import { catalogFieldsOf } from '../../schema/catalog/catalogEntries';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { assignResourceCodes, EMPTY_REGISTRY, formatResourceCodes, readResourceCodes, uncodedFields, type CodedField } from '../../schema/catalog/resourceCodes';

const field = (coordinate: string, department: string): CodedField => ({ coordinate, department });

const PERSON = [field('Person.idNumber', 'population'), field('Person.name', 'population'), field('Person.phone', 'population')];

describe('resource codes', () => {
  it('first assignment → department code, type number and sequence in the order given', () => {
    const { codes } = assignResourceCodes(EMPTY_REGISTRY, [...PERSON, field('Query.person', 'population'), field('Enterprise.name', 'market')]);
    expect(codes).toEqual({
      'Person.idNumber': 'POP-01-001',
      'Person.name': 'POP-01-002',
      'Person.phone': 'POP-01-003',
      'Query.person': 'POP-02-001',
      'Enterprise.name': 'MAR-01-001',
    });
  });

  it('a field added before the others in order → existing codes unchanged, the new one numbered last', () => {
    const before = assignResourceCodes(EMPTY_REGISTRY, PERSON);
    const after = assignResourceCodes(before, [field('Person.birthDate', 'population'), ...PERSON]);
    expect(after.codes).toEqual({ ...before.codes, 'Person.birthDate': 'POP-01-004' });
  });

  it('a new type and a new department → new classifications, nothing else moves', () => {
    const before = assignResourceCodes(EMPTY_REGISTRY, PERSON);
    const after = assignResourceCodes(before, [field('Household.members', 'population'), field('Person.pensionMonths', 'socialsecurity'), ...PERSON]);
    expect(after.codes).toEqual({ ...before.codes, 'Household.members': 'POP-02-001', 'Person.pensionMonths': 'SOC-01-001' });
  });

  it('a field removed from the graph → its code stays reserved and is never given again', () => {
    const before = assignResourceCodes(EMPTY_REGISTRY, PERSON);
    const after = assignResourceCodes(before, [field('Person.idNumber', 'population'), field('Person.name', 'population'), field('Person.email', 'population')]);
    expect(after.codes['Person.phone']).toBe('POP-01-003');
    expect(after.codes['Person.email']).toBe('POP-01-004');
  });

  it('two departments whose names start alike → distinct department codes', () => {
    const { departments } = assignResourceCodes(EMPTY_REGISTRY, [field('A.x', 'population'), field('B.y', 'popular')]);
    expect(departments).toEqual({ population: 'POP', popular: 'PO2' });
  });

  it('the same registry and fields → the same codes (assignment is pure)', () => {
    const fields = [...PERSON, field('Enterprise.name', 'market')];
    expect(assignResourceCodes(EMPTY_REGISTRY, fields)).toEqual(assignResourceCodes(EMPTY_REGISTRY, fields));
  });

  it('formatted → keys sorted, so the committed file diffs cleanly', () => {
    const text = formatResourceCodes(assignResourceCodes(EMPTY_REGISTRY, [field('Z.b', 'zeta'), field('A.a', 'alpha')]));
    expect(text.indexOf('"A.a"')).toBeLessThan(text.indexOf('"Z.b"'));
    expect(JSON.parse(text).codes).toEqual({ 'A.a': 'ALP-01-001', 'Z.b': 'ZET-01-001' });
  });

  it('committed schema/catalog/resourceCodes.json → a code for every field of the committed supergraph (run `npx govgraph compose` when this fails)', () => {
    const fields = catalogFieldsOf(readSupergraph(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')));
    expect(uncodedFields(readResourceCodes(), fields)).toEqual([]);
  });

  it('committed codes → each given once', () => {
    const codes = Object.values(readResourceCodes().codes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
