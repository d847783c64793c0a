import {
  formatResidentIdNumber,
  isValidResidentIdNumber,
  residentIdBirthDate,
  residentIdGender,
  isValidCreditCode,
  creditCodeCheckCharacter,
  seedWorld,
} from '../../subgraphs/kit';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard example with an X check character', () => {
    expect(isValidResidentIdNumber('11010519491231002X')).toBe(true);
  });

  it('rejects a number whose check character is wrong', () => {
    expect(isValidResidentIdNumber('110105194912310021')).toBe(false);
  });

  it('rejects a number whose birth date does not exist', () => {
    expect(isValidResidentIdNumber(formatResidentIdNumber({ regionCode: '110105', birthDate: '1949-02-31', sequence: 2 }))).toBe(false);
  });

  it('builds numbers whose birth date and gender read back', () => {
    const id = formatResidentIdNumber({ regionCode: '310104', birthDate: '1988-07-09', sequence: 135 });
    expect(isValidResidentIdNumber(id)).toBe(true);
    expect(residentIdBirthDate(id)).toBe('1988-07-09');
    expect(residentIdGender(id)).toBe('MALE');
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a published example code', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('rejects a code with a wrong check character', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('rejects letters the standard excludes', () => {
    expect(() => creditCodeCheckCharacter('91350100O00010OY4')).toThrow(/not allowed/);
  });
});

describe('seed world', () => {
  it('same seed and scale → the same keys', () => {
    const a = seedWorld({ seed: 3, scale: 0.05 });
    const b = seedWorld({ seed: 3, scale: 0.05 });
    expect(b.personIds).toEqual(a.personIds);
  });

  it('generates only valid, unique keys', () => {
    const world = seedWorld({ seed: 11, scale: 0.2 });
    expect(new Set(world.personIds).size).toBe(world.personIds.length);
    expect(world.personIds.every(isValidResidentIdNumber)).toBe(true);
    expect(new Set(world.creditCodes).size).toBe(world.creditCodes.length);
    expect(world.creditCodes.every(isValidCreditCode)).toBe(true);
  });

  it('a different seed → different keys', () => {
    expect(seedWorld({ seed: 1, scale: 0.05 }).personIds).not.toEqual(seedWorld({ seed: 2, scale: 0.05 }).personIds);
  });
});
