import { GraphQLError } from 'graphql';
import { parseAccessUntil } from '../../subgraphs/catalog/accessUntil';

const NOW = new Date('2026-11-27T08:00:00.000Z');

function refusal(text: string): { code: unknown; message: string } {
  try {
    parseAccessUntil(text, NOW);
  } catch (error) {
    return { code: (error as GraphQLError).extensions.code, message: (error as Error).message };
  }
  throw new Error(`${text} was accepted`);
}

describe('parseAccessUntil', () => {
  it('a date-time with offset → the same instant in UTC', () => {
    expect(parseAccessUntil('2027-03-31T18:00:00+08:00', NOW)).toBe('2027-03-31T10:00:00.000Z');
  });

  it('a date → the end of that day in Beijing time', () => {
    expect(parseAccessUntil('2027-03-31', NOW)).toBe('2027-03-31T15:59:59.999Z');
  });

  it('a date-time without offset → BAD_USER_INPUT (the time zone would be a guess)', () => {
    expect(refusal('2027-03-31T18:00:00')).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('offset') });
  });

  it('a date that does not exist → BAD_USER_INPUT', () => {
    expect(refusal('2027-02-30').code).toBe('BAD_USER_INPUT');
    expect(refusal('2027-13-01').code).toBe('BAD_USER_INPUT');
  });

  it('a time in the past → BAD_USER_INPUT', () => {
    expect(refusal('2026-11-27T07:59:59Z')).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('past') });
  });

  it('exactly one year from now → accepted', () => {
    expect(parseAccessUntil('2027-11-27T08:00:00Z', NOW)).toBe('2027-11-27T08:00:00.000Z');
  });

  it('a moment beyond one year → BAD_USER_INPUT', () => {
    expect(refusal('2027-11-27T08:00:01Z')).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('one year') });
  });
});
