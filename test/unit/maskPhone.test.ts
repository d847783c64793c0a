import { maskPhone } from '../../policies/masks';

describe('maskPhone', () => {
  it('mobile number → first 3 and last 4 digits kept', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('already masked value → unchanged', () => {
    expect(maskPhone('138****5678')).toBe('138****5678');
  });

  it('separators → kept in place, only digits starred', () => {
    expect(maskPhone('010-6512-3456')).toBe('010-****-3456');
  });

  it('fewer than 8 digits → only the last 2 kept', () => {
    expect(maskPhone('12345')).toBe('***45');
  });

  it('short masked value → unchanged', () => {
    expect(maskPhone('***45')).toBe('***45');
  });

  it('null or a number → returned as is', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(13812345678)).toBe(13812345678);
  });
});
