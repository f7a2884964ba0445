import { Injectable } from '@nestjs/common';
import { Database, sql } from '@wallet/database';

/** A pending delivery to an enabled endpoint, with what it takes to send it. */
export interface DeliveryToSend {
  id: string;
  endpointId: string;
  url: string;
  /** The body as stored when the event was relayed: `{type, timestamp, data}`. */
  payload: unknown;
  secret: string;
  /** The rotated-out secret while its overlap lasts (by the database's clock), else null. */
  previousSecret: string | null;
}

const LOAD = sql<DeliveryToSend, [id: string]>(
  'webhook_delivery_load',
  `SELECT d.id, d.endpoint_id AS "endpointId", e.url, d.payload, e.secret,
          CASE WHEN e.previous_secret_expires_at > now() THEN e.previous_secret END AS "previousSecret"
   FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
   WHERE d.id = $1 AND d.status = 'pending' AND e.enabled`,
);

const BEGIN_ATTEMPT = sql<{ attempt: number }, [id: string]>(
  'webhook_delivery_begin_attempt',
  `UPDATE webhook_deliveries SET attempt = attempt + 1 WHERE id = $1 AND status = 'pending' RETURNING attempt`,
);

const MARK_SUCCEEDED = sql<never, [id: string, responseStatus: number]>(
  'webhook_delivery_succeeded',
  `UPDATE webhook_deliveries SET status = 'succeeded', response_status = $2, error = NULL WHERE id = $1`,
);

// A null delay: that was the last attempt of the schedule, the delivery has failed.
const MARK_FAILED = sql<
  never,
  [id: string, responseStatus: number | null, error: string, delayMs: number | null]
>(
  'webhook_delivery_failed',
  `UPDATE webhook_deliveries
   SET response_status = $2, error = $3,
       status = CASE WHEN $4::bigint IS NULL THEN 'failed' ELSE 'pending' END,
       next_attempt_at = CASE WHEN $4::bigint IS NULL THEN next_attempt_at
                              ELSE now() + $4::bigint * interval '1 millisecond' END
   WHERE id = $1 AND status = 'pending'`,
);

/** A delivery whose next attempt is due, as the re-enqueue pass reads it. */
export interface DueDelivery {
  deliveryId: string;
  endpointId: string;
}

const DUE = sql<DueDelivery, [limit: number]>(
  'webhook_delivery_due',
  `SELECT d.id AS "deliveryId", d.endpoint_id AS "endpointId" FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
   WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND e.enabled
   ORDER BY d.next_attempt_at
   LIMIT $1`,
);

/**
 * The worker's side of `webhook_deliveries` (docs/design.md §14): each attempt and its outcome.
 * The relay writes the row with the job; nothing here holds a transaction open while the receiver
 * is being called, so a slow receiver holds no database connection and no lock.
 */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly database: Database) {}

  /** The delivery, if there is anything to send: pending, and its endpoint enabled. */
  load(id: string): Promise<DeliveryToSend | undefined> {
    return this.database.first(LOAD, [id]);
  }

  /** Counts an attempt; its number, or null when the delivery is no longer pending. */
  async beginAttempt(id: string): Promise<number | null> {
    return (await this.database.first(BEGIN_ATTEMPT, [id]))?.attempt ?? null;
  }

  async markSucceeded(id: string, responseStatus: number): Promise<void> {
    await this.database.rowCount(MARK_SUCCEEDED, [id, responseStatus]);
  }

  /** Failed this time: pending again after `delayMs`, or failed for good when that is null. */
  async markFailed(
    id: string,
    responseStatus: number | null,
    error: string,
    delayMs: number | null,
  ): Promise<void> {
    await this.database.rowCount(MARK_FAILED, [id, responseStatus, error, delayMs]);
  }

  /** Pending deliveries to enabled endpoints whose next attempt is due, oldest first. */
  due(limit: number): Promise<DueDelivery[]> {
    return this.database.rows(DUE, [limit]);
  }
}
