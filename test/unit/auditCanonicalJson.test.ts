import { canonicalJson } from '../../gateway/audit';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":1}');
  });

  it('spells equal values with keys in another order the same', () => {
    expect(canonicalJson({ x: [1, 'two'], y: { q: 1, p: 2 } })).toBe(canonicalJson({ y: { p: 2, q: 1 }, x: [1, 'two'] }));
  });

  it('keeps the order of array items', () => {
    expect(canonicalJson(['b', 'a', 3])).toBe('["b","a",3]');
  });

  it('leaves out keys whose value is undefined', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"ey': 'line\nbreak 王' })).toBe('{"k\\"ey":"line\\nbreak 王"}');
  });

  it('refuses numbers that have no JSON form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('NaN has no JSON form');
  });
});
