import type { Cents } from '@wallet/shared';

/** What is left of a daily limit (docs/design.md §2); the rules themselves are checked in the database. */
export function remainingToday(limit: Cents, used: Cents): Cents {
  return Math.max(limit - used, 0);
}
