/**
 * When a failed delivery is tried again (docs/design.md §14, the Standard Webhooks schedule): about
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failed attempt, then never: eight
 * attempts over about a day and a half.
 */
export const WEBHOOK_RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Every attempt: the first, and one after each delay of the schedule. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_SCHEDULE_MS.length + 1;

/**
 * The delay after failed attempt number `attempt` (from 1), or null when it was the last. Up to a
 * tenth is added at random, so the deliveries that failed together in an outage do not all come
 * back in the same instant.
 */
export function webhookRetryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= WEBHOOK_MAX_ATTEMPTS) return null;
  const delay = WEBHOOK_RETRY_SCHEDULE_MS[Math.max(attempt, 1) - 1];
  return Math.round(delay * (1 + 0.1 * random()));
}
