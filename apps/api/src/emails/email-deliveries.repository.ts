import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EMAIL_DELIVERY_COLUMNS, type EmailDeliveryRow, resendEmails } from '@wallet/database';
import type { EmailDeliveryStatus } from '@wallet/shared';

/** The API's side of `email_deliveries` (docs/design.md §6): listing, resending and abandoning. */
@Injectable()
export class EmailDeliveriesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Undelivered emails (pending or abandoned), oldest first (index `email_deliveries_undelivered`). */
  async undelivered(
    page: number,
    limit: number,
    status?: EmailDeliveryStatus,
  ): Promise<{ items: EmailDeliveryRow[]; total: number }> {
    const matches = `status <> 'sent' AND ($1::text IS NULL OR status = $1)`;
    const [items, [count]] = await Promise.all([
      this.txHost.tx.query<EmailDeliveryRow[]>(
        `SELECT ${EMAIL_DELIVERY_COLUMNS} FROM email_deliveries
         WHERE ${matches}
         ORDER BY created_at, id
         LIMIT $2 OFFSET $3`,
        [status ?? null, limit, (page - 1) * limit],
      ),
      this.txHost.tx.query<{ total: number }[]>(
        `SELECT count(*) AS total FROM email_deliveries WHERE ${matches}`,
        [status ?? null],
      ),
    ]);
    return { items, total: count.total };
  }

  async findById(id: string): Promise<EmailDeliveryRow | null> {
    const rows = await this.txHost.tx.query<EmailDeliveryRow[]>(
      `SELECT ${EMAIL_DELIVERY_COLUMNS} FROM email_deliveries WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Pending again and due now, unless it was sent; null when it was (or does not exist). */
  async resend(id: string): Promise<EmailDeliveryRow | null> {
    const [row] = await resendEmails(this.query, { ids: [id], includeAbandoned: true });
    return row ?? null;
  }

  /** Stops retrying a pending email; null when it was sent (or does not exist). */
  async abandon(id: string): Promise<EmailDeliveryRow | null> {
    const rows = await this.txHost.tx.query<[EmailDeliveryRow[], number]>(
      `UPDATE email_deliveries SET status = 'abandoned', abandoned_at = coalesce(abandoned_at, now())
       WHERE id = $1 AND status <> 'sent'
       RETURNING ${EMAIL_DELIVERY_COLUMNS}`,
      [id],
    );
    return rows[0][0] ?? null;
  }

  private readonly query = async <Row>(text: string, params: unknown[]): Promise<Row[]> => {
    const [rows] = await this.txHost.tx.query<[Row[], number]>(text, params);
    return rows;
  };
}
