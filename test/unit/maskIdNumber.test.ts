import { maskIdNumber } from '../../policies/masks';

describe('maskIdNumber', () => {
  it('18-character ID number → first 6 and last 4 kept, birth date and sequence starred', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('15-character (first-generation) ID number → first 6 and last 4 kept', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  it('already masked value → unchanged', () => {
    expect(maskIdNumber('110105********002X')).toBe('110105********002X');
  });

  it('value too short to keep 6 + 4 characters → starred entirely', () => {
    expect(maskIdNumber('1234567890')).toBe('**********');
  });

  it('empty string → empty string', () => {
    expect(maskIdNumber('')).toBe('');
  });

  it('null or a number → returned as is', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(42)).toBe(42);
  });
});
