/**
 * Whether the SMTP server refused the message for good: a 5xx reply (RFC 5321 §4.2.1) to its
 * envelope or content. Sent again it would be refused again, so the job fails at once instead of
 * retrying for an hour (docs/design.md §6); 4xx replies and network errors are temporary and retried.
 * An authentication failure is left retryable: it is about our settings, not this message, and
 * the mail should go out once an operator fixes them.
 */
export function isPermanentSmtpRejection(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && code !== 'EAUTH';
}
