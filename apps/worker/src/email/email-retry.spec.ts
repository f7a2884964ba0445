import { emailRetryDelayMs } from './email-retry';

describe('emailRetryDelayMs', () => {
  const config = { baseMs: 1_000, maxMs: 60_000 };
  const noJitter = () => 0;

  it('doubles from the base delay', () => {
    expect([1, 2, 3, 4].map((attempts) => emailRetryDelayMs(attempts, config, noJitter))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('is capped, however many attempts failed', () => {
    expect(emailRetryDelayMs(7, config, noJitter)).toBe(60_000);
    expect(emailRetryDelayMs(10_000, config, noJitter)).toBe(60_000);
  });

  it('takes at most a fifth off at random', () => {
    expect(emailRetryDelayMs(1, config, () => 0.999_999)).toBeGreaterThanOrEqual(800);
    expect(emailRetryDelayMs(1_000, config, () => 1)).toBe(48_000);
  });
});
