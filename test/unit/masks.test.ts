import { applyMask, MASK_NAMES } from '../../policies';

describe('applyMask', () => {
  it.each([
    ['idNumber', '11010519491231002X', '110105********002X'],
    ['phone', '13812345678', '138****5678'],
    ['name', '王小明', '王**'],
    ['address', '北京市东城区景山街道人民路18号', '北京市东城区****'],
  ] as const)('mask %s → the same result as its mask function', (mask, value, expected) => {
    expect(applyMask(mask, value)).toBe(expected);
  });

  it.each(MASK_NAMES.map((mask) => [mask]))('mask %s applied twice → the same as once', (mask) => {
    const once = applyMask(mask, '11010519491231002X北京市东城区');
    expect(applyMask(mask, once)).toBe(once);
  });

  it('null value → returned as is', () => {
    expect(applyMask('phone', null)).toBeNull();
  });

  it('MASK_NAMES → the four built-in masks', () => {
    expect([...MASK_NAMES]).toEqual(['idNumber', 'phone', 'name', 'address']);
  });

  it('unknown mask name → error naming the masks', () => {
    expect(() => applyMask('salary' as never, '1')).toThrow(/idNumber, phone, name, address/);
  });
});
