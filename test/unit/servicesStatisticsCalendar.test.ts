import { ageBandAt } from '../../subgraphs/services/statistics/ageBandAt';
import { workingDaysBetween } from '../../subgraphs/services/statistics/beijingCalendar';
import { formatResidentIdNumber } from '../../subgraphs/kit';

/** An instant given in Beijing time. */
const beijing = (local: string): number => Date.parse(`${local}+08:00`);

describe('workingDaysBetween (Beijing calendar, Monday to Friday)', () => {
  it('closed on the day of submission → 0', () => {
    expect(workingDaysBetween(beijing('2026-03-02T09:00:00'), beijing('2026-03-02T17:00:00'))).toBe(0);
  });

  it('submitted on a Friday, closed on the Monday after → 1', () => {
    expect(workingDaysBetween(beijing('2026-03-06T10:00:00'), beijing('2026-03-09T10:00:00'))).toBe(1);
  });

  it('Monday to the Monday two weeks later → 10', () => {
    expect(workingDaysBetween(beijing('2026-03-02T10:00:00'), beijing('2026-03-16T10:00:00'))).toBe(10);
  });

  it('submitted on a Saturday, closed on the Sunday after → 0', () => {
    expect(workingDaysBetween(beijing('2026-03-07T10:00:00'), beijing('2026-03-08T23:00:00'))).toBe(0);
  });

  it('a UTC Friday evening that is already Saturday in Beijing → the day counts as Saturday', () => {
    // 2026-03-06T17:00Z is 2026-03-07 01:00 in Beijing (Saturday); Monday 09:00 Beijing is one working day later.
    expect(workingDaysBetween(Date.parse('2026-03-06T17:00:00Z'), beijing('2026-03-09T09:00:00'))).toBe(1);
  });

  it('across a month and a year end → the weekdays between', () => {
    // Wed 2025-12-31 → Mon 2026-01-05: Thu, Fri, Mon.
    expect(workingDaysBetween(beijing('2025-12-31T12:00:00'), beijing('2026-01-05T12:00:00'))).toBe(3);
  });
});

describe('ageBandAt', () => {
  const bornOn = (birthDate: string) => formatResidentIdNumber({ regionCode: '110101', birthDate, sequence: 1 });

  it('the day before the 18th birthday → 0-17; on it → 18-29', () => {
    expect(ageBandAt(bornOn('2008-03-10'), '2026-03-09')).toBe('0-17');
    expect(ageBandAt(bornOn('2008-03-10'), '2026-03-10')).toBe('18-29');
  });

  it('60 and over → 60+', () => {
    expect(ageBandAt(bornOn('1950-01-01'), '2026-03-10')).toBe('60+');
  });

  it('a malformed ID number → null', () => {
    expect(ageBandAt('not-an-id', '2026-03-10')).toBeNull();
  });
});
