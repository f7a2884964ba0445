import { Injectable } from '@nestjs/common';
import { JobName, type JobPayloads } from '@wallet/shared';
import { DataSource } from 'typeorm';

/** A pending email whose next attempt is due, as the re-enqueue pass reads it. */
export interface DueEmail {
  id: string;
  kind: JobName;
  payload: JobPayloads[JobName];
}

/**
 * The worker's side of `email_deliveries` (docs/design.md §6): each attempt and its outcome. The relay
 * writes the row with the job; this marks it sent once the SMTP server accepted the message and
 * keeps it pending, with its next attempt, after any other outcome.
 */
@Injectable()
export class EmailDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts an attempt of a pending email. A job enqueued before the table existed gets its row
   * here.
   *
   * @returns the attempt's number, or null when the email is sent or abandoned: nothing to do
   */
  async beginAttempt(id: string, kind: string, payload: unknown, recipient: string): Promise<number | null> {
    const rows: { attempts: number }[] = await this.dataSource.query(
      `INSERT INTO email_deliveries (id, kind, payload, recipient, attempts)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (id) DO UPDATE SET attempts = email_deliveries.attempts + 1
         WHERE email_deliveries.status = 'pending'
       RETURNING attempts`,
      [id, kind, JSON.stringify(payload), recipient],
    );
    return rows[0]?.attempts ?? null;
  }

  /** The SMTP server accepted it: sent, even if an admin gave up on it meanwhile. */
  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /** Failed for now: stays pending, next tried after `delayMs`. */
  async markFailed(id: string, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries
       SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond'
       WHERE id = $1 AND status = 'pending'`,
      [id, error, delayMs],
    );
  }

  /** Refused for good (an SMTP 5xx, or it cannot be rendered): abandoned, until an admin resends it. */
  async markRefused(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'abandoned', abandoned_at = now(), last_error = $2
       WHERE id = $1 AND status = 'pending'`,
      [id, error],
    );
  }

  /** Pending emails whose next attempt is due, oldest first. */
  async due(limit: number): Promise<DueEmail[]> {
    return this.dataSource.query(
      `SELECT id, kind, payload FROM email_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at
       LIMIT $1`,
      [limit],
    );
  }
}
