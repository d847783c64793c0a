import { operationLabel } from '../../schema/contracts/metrics';

/** The bounded `operation` label: clients choose operation names, so the label keeps few and never personal data. */
describe('operationLabel', () => {
  it('keeps a name as it is while fewer than the maximum are kept', () => {
    expect(operationLabel(2)('ReviewQuery')).toBe('ReviewQuery');
  });

  it('keeps counting a name already kept after the maximum is reached', () => {
    const label = operationLabel(1);
    label('A');
    label('B');
    expect(label('A')).toBe('A');
  });

  it('gives (other) for a new name once the maximum is reached', () => {
    const label = operationLabel(1);
    label('A');
    expect(label('B')).toBe('(other)');
  });

  it('gives (anonymous) for an operation without a name', () => {
    expect(operationLabel(5)(null)).toBe('(anonymous)');
  });

  it.each([
    ['a resident ID number', 'Person11010519491231002X'],
    ['a mobile phone number', 'Call13812345678'],
    ['a long run of digits', 'Case20260001'],
    ['more than 64 characters', `Q${'x'.repeat(64)}`],
  ])('gives (other) for a name holding %s, and does not keep it', (_what, name) => {
    const label = operationLabel(5);
    expect([label(name), label(name)]).toEqual(['(other)', '(other)']);
  });
});
