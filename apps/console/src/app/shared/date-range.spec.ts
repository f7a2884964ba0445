import { dayOf, daysInOrder, endOfDay, startOfDay } from './date-range';

describe('date range (docs/design.md §13)', () => {
  it('starts a day at local midnight and ends it at the next', () => {
    const start = new Date(startOfDay('2026-03-01')!);
    const end = new Date(endOfDay('2026-03-01')!);
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([
      2026, 2, 1, 0,
    ]);
    expect([end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2, 2, 0, 0]);
    expect(endOfDay('2026-12-31')).toBe(startOfDay('2027-01-01'));
  });

  it('reads no day as no bound', () => {
    expect(startOfDay('')).toBeUndefined();
    expect(endOfDay('not a day')).toBeUndefined();
  });

  it('orders days, an empty one being no bound', () => {
    expect(daysInOrder('2026-03-01', '2026-03-01')).toBe(true);
    expect(daysInOrder('2026-03-02', '2026-03-01')).toBe(false);
    expect(daysInOrder('', '2026-03-01')).toBe(true);
  });

  it('writes a date as a date input shows it', () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
