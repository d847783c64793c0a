import { maskName } from '../../policies/masks';

describe('maskName', () => {
  it('three-character name → first character kept, the rest starred', () => {
    expect(maskName('王小明')).toBe('王**');
  });

  it('two-character name → first character and one star', () => {
    expect(maskName('李四')).toBe('李*');
  });

  it('already masked value → unchanged', () => {
    expect(maskName('王**')).toBe('王**');
  });

  it('character outside the basic plane → counted as one character', () => {
    expect(maskName('𠀀小明')).toBe('𠀀**');
  });

  it('one-character name → starred entirely', () => {
    expect(maskName('王')).toBe('*');
  });

  it('null or a number → returned as is', () => {
    expect(maskName(null)).toBeNull();
    expect(maskName(7)).toBe(7);
  });
});
