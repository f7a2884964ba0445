import { Injectable } from '@nestjs/common';
import {
  Database,
  dynamicSql,
  EMAIL_DELIVERY_COLUMNS,
  type EmailDeliveryRow,
  type PageRequest,
  RESEND_EMAILS,
  type RowsPage,
  sql,
} from '@wallet/database';
import type { EmailDeliveryStatus } from '@wallet/shared';

// Planned with the value bound (unnamed), so an absent filter folds away and a given one uses the
// index `email_deliveries_undelivered`.
const UNDELIVERED_WHERE = `status <> 'sent' AND ($1::text IS NULL OR status = $1)`;
const UNDELIVERED = {
  items: dynamicSql<EmailDeliveryRow, [status: EmailDeliveryStatus | null, limit: number, offset: number]>(
    `SELECT ${EMAIL_DELIVERY_COLUMNS} FROM email_deliveries
     WHERE ${UNDELIVERED_WHERE}
     ORDER BY created_at, id
     LIMIT $2 OFFSET $3`,
  ),
  count: dynamicSql<{ total: number }, [status: EmailDeliveryStatus | null]>(
    `SELECT count(*)::int AS total FROM email_deliveries WHERE ${UNDELIVERED_WHERE}`,
  ),
};

const FIND = sql<EmailDeliveryRow, [id: string]>(
  'email_delivery_find',
  `SELECT ${EMAIL_DELIVERY_COLUMNS} FROM email_deliveries WHERE id = $1`,
);

const ABANDON = sql<EmailDeliveryRow, [id: string]>(
  'email_delivery_abandon',
  `UPDATE email_deliveries SET status = 'abandoned', abandoned_at = coalesce(abandoned_at, now())
   WHERE id = $1 AND status <> 'sent'
   RETURNING ${EMAIL_DELIVERY_COLUMNS}`,
);

/** The API's side of `email_deliveries` (docs/design.md §6): listing, resending and abandoning. */
@Injectable()
export class EmailDeliveriesRepository {
  constructor(private readonly database: Database) {}

  /** Undelivered emails (pending or abandoned), oldest first. */
  undelivered(request: PageRequest, status?: EmailDeliveryStatus): Promise<RowsPage<EmailDeliveryRow>> {
    return this.database.page(UNDELIVERED, [status ?? null], request);
  }

  findById(id: string): Promise<EmailDeliveryRow | undefined> {
    return this.database.first(FIND, [id]);
  }

  /** Pending again and due now, unless it was sent; undefined when it was (or does not exist). */
  resend(id: string): Promise<EmailDeliveryRow | undefined> {
    return this.database.first(RESEND_EMAILS, [[id], true]);
  }

  /** Stops retrying a pending email; undefined when it was sent (or does not exist). */
  abandon(id: string): Promise<EmailDeliveryRow | undefined> {
    return this.database.first(ABANDON, [id]);
  }
}
