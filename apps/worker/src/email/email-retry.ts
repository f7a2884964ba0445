import type { EmailRetryConfig } from '@wallet/config';

/**
 * The delay before an email's next attempt after `attempts` failed ones (docs/design.md §6): doubling from
 * `EMAIL_RETRY_BASE_MS`, never above `EMAIL_RETRY_MAX_MS`, with up to a fifth taken off at random
 * so a backlog's retries spread out. There is no last attempt: a pending email is retried until
 * the SMTP server accepts it or an admin abandons it.
 */
export function emailRetryDelayMs(
  attempts: number,
  config: Pick<EmailRetryConfig, 'baseMs' | 'maxMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(config.baseMs * 2 ** exponent, config.maxMs);
  return Math.round(delay * (1 - 0.2 * random()));
}
