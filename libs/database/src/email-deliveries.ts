import type { EmailDeliveryStatus } from '@wallet/shared';
import { sql } from './sql';

/**
 * The `email_deliveries` table (docs/design.md §6), shared by the worker (which writes each attempt), the
 * API's admin routes and `npm run email:resend`. Rows are read through this column list so that
 * every reader gets the same typed shape.
 */
export interface EmailDeliveryRow {
  id: string;
  kind: string;
  recipient: string;
  status: EmailDeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  abandonedAt: Date | null;
}

export const EMAIL_DELIVERY_COLUMNS = `id, kind, recipient, status, attempts, last_error AS "lastError",
  next_attempt_at AS "nextAttemptAt", created_at AS "createdAt", sent_at AS "sentAt",
  abandoned_at AS "abandonedAt"`;

/**
 * Hands undelivered emails back to the worker: due now, with a fresh backoff. Pending ones always,
 * abandoned ones only when asked (an admin gave up on those on purpose). The worker's re-enqueue
 * pass sends them within `EMAIL_REQUEUE_INTERVAL_MS`; ids stay the same, so nothing already sent
 * goes out again. Returns the rows now pending and due; `ids` null means every undelivered one.
 */
export const RESEND_EMAILS = sql<EmailDeliveryRow, [ids: string[] | null, includeAbandoned: boolean]>(
  'email_resend',
  `UPDATE email_deliveries
   SET status = 'pending', attempts = 0, next_attempt_at = now(), abandoned_at = NULL
   WHERE (status = 'pending' OR ($2 AND status = 'abandoned'))
     AND ($1::text[] IS NULL OR id = ANY($1::text[]))
   RETURNING ${EMAIL_DELIVERY_COLUMNS}`,
);
