import { beijingDay } from '../../subgraphs/analysis/budget/beijingDay';

describe('beijingDay', () => {
  it('15:59 UTC → still that day in Beijing, renewing at 16:00 UTC', () => {
    expect(beijingDay(new Date('2026-06-01T15:59:59Z'))).toEqual({ day: '2026-06-01', resetsAt: '2026-06-01T16:00:00.000Z' });
  });

  it('16:00 UTC → the next day in Beijing, renewing a day later', () => {
    expect(beijingDay(new Date('2026-06-01T16:00:00Z'))).toEqual({ day: '2026-06-02', resetsAt: '2026-06-02T16:00:00.000Z' });
  });

  it('the last day of a month → the next midnight in the next month', () => {
    expect(beijingDay(new Date('2026-12-31T10:00:00Z')).resetsAt).toBe('2026-12-31T16:00:00.000Z');
  });
});
