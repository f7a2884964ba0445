import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from './webhook-retry';

describe('webhook retry schedule (docs/design.md §14)', () => {
  it('waits about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up', () => {
    const none = () => 0;
    const delays = Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, i) => webhookRetryDelayMs(i + 1, none));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(webhookRetryDelayMs(12, none)).toBeNull();
  });

  it('adds at most a tenth at random', () => {
    expect(webhookRetryDelayMs(1, () => 0.999)).toBe(5_500);
    expect(webhookRetryDelayMs(2, () => 0.5)).toBe(315_000);
  });
});
