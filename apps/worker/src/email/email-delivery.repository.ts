import { Injectable } from '@nestjs/common';
import { Database, sql } from '@wallet/database';
import { JobName, type JobPayloads } from '@wallet/shared';

/** A pending email whose next attempt is due, as the re-enqueue pass reads it. */
export interface DueEmail {
  id: string;
  kind: JobName;
  payload: JobPayloads[JobName];
}

const BEGIN_ATTEMPT = sql<
  { attempts: number },
  [id: string, kind: string, payload: string, recipient: string]
>(
  'email_begin_attempt',
  `INSERT INTO email_deliveries (id, kind, payload, recipient, attempts)
   VALUES ($1, $2, $3, $4, 1)
   ON CONFLICT (id) DO UPDATE SET attempts = email_deliveries.attempts + 1
     WHERE email_deliveries.status = 'pending'
   RETURNING attempts`,
);

const MARK_SENT = sql<never, [id: string]>(
  'email_mark_sent',
  `UPDATE email_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
);

const MARK_FAILED = sql<never, [id: string, error: string, delayMs: number]>(
  'email_mark_failed',
  `UPDATE email_deliveries
   SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond'
   WHERE id = $1 AND status = 'pending'`,
);

const MARK_REFUSED = sql<never, [id: string, error: string]>(
  'email_mark_refused',
  `UPDATE email_deliveries SET status = 'abandoned', abandoned_at = now(), last_error = $2
   WHERE id = $1 AND status = 'pending'`,
);

const DUE = sql<DueEmail, [limit: number]>(
  'email_due',
  `SELECT id, kind, payload FROM email_deliveries
   WHERE status = 'pending' AND next_attempt_at <= now()
   ORDER BY next_attempt_at
   LIMIT $1`,
);

/**
 * The worker's side of `email_deliveries` (docs/design.md §6): each attempt and its outcome. The relay
 * writes the row with the job; this marks it sent once the SMTP server accepted the message and
 * keeps it pending, with its next attempt, after any other outcome.
 */
@Injectable()
export class EmailDeliveryRepository {
  constructor(private readonly database: Database) {}

  /**
   * Counts an attempt of a pending email. A job enqueued before the table existed gets its row
   * here.
   *
   * @returns the attempt's number, or null when the email is sent or abandoned: nothing to do
   */
  async beginAttempt(id: string, kind: string, payload: unknown, recipient: string): Promise<number | null> {
    const row = await this.database.first(BEGIN_ATTEMPT, [id, kind, JSON.stringify(payload), recipient]);
    return row?.attempts ?? null;
  }

  /** The SMTP server accepted it: sent, even if an admin gave up on it meanwhile. */
  async markSent(id: string): Promise<void> {
    await this.database.rowCount(MARK_SENT, [id]);
  }

  /** Failed for now: stays pending, next tried after `delayMs`. */
  async markFailed(id: string, error: string, delayMs: number): Promise<void> {
    await this.database.rowCount(MARK_FAILED, [id, error, delayMs]);
  }

  /** Refused for good (an SMTP 5xx, or it cannot be rendered): abandoned, until an admin resends it. */
  async markRefused(id: string, error: string): Promise<void> {
    await this.database.rowCount(MARK_REFUSED, [id, error]);
  }

  /** Pending emails whose next attempt is due, oldest first. */
  due(limit: number): Promise<DueEmail[]> {
    return this.database.rows(DUE, [limit]);
  }
}
