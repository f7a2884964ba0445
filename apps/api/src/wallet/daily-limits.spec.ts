import { remainingToday } from './daily-limits';

describe('remainingToday', () => {
  it('never goes below zero', () => {
    expect(remainingToday(10_000, 2_500)).toBe(7_500);
    expect(remainingToday(5_000, 10_000)).toBe(0);
  });
});
