import { Injectable } from '@nestjs/common';
import { Database, sql, UnitOfWork } from '@wallet/database';
import { isEmailJob } from '@wallet/shared';
import {
  jobsOfOutboxRow,
  KNOWN_OUTBOX_KINDS,
  type OutboxJob,
  type OutboxMessage,
  type PendingOutboxRow,
} from './outbox-jobs';

const INSERT = sql<never, [kinds: string[], payloads: string[]]>(
  'outbox_insert',
  `INSERT INTO outbox (kind, payload) SELECT * FROM unnest($1::text[], $2::jsonb[])`,
);

const CLAIM = sql<PendingOutboxRow, [limit: number, kinds: string[]]>(
  'outbox_claim',
  `WITH batch AS (
     SELECT id, kind, payload, transaction_id, other_leg_id, created_at FROM outbox
     WHERE queued_at IS NULL AND kind = ANY($2::text[])
     ORDER BY id
     LIMIT $1
     FOR UPDATE SKIP LOCKED)
   SELECT b.id, b.kind, b.payload,
          EXTRACT(EPOCH FROM clock_timestamp() - b.created_at)::float8 AS "lagSeconds",
          t.id AS "transactionId", t.wallet_id AS "walletId", t.type, t.amount, t.status,
          t.failure_reason AS "failureReason", t.transfer_id AS "transferId",
          t.created_at AS "createdAt", t.balance_after AS "balanceAfter",
          owner.email AS "ownerEmail", owner.name AS "ownerName",
          other.id AS "otherLegId", other.balance_after AS "otherLegBalanceAfter",
          other_owner.email AS "otherOwnerEmail", other_owner.name AS "otherOwnerName",
          t.memo, t.reverses_id AS "reversesId", reversed.type AS "reversedType",
          reversed.created_at AS "reversedAt"
   FROM batch b
   LEFT JOIN transactions t ON t.id = b.transaction_id
   LEFT JOIN wallets w ON w.id = t.wallet_id
   LEFT JOIN users owner ON owner.id = w.user_id
   LEFT JOIN transactions other ON other.id = b.other_leg_id
   LEFT JOIN wallets other_wallet ON other_wallet.id = other.wallet_id
   LEFT JOIN users other_owner ON other_owner.id = other_wallet.user_id
   LEFT JOIN transactions reversed ON reversed.id = t.reverses_id
   ORDER BY b.id`,
);

const INSERT_EMAIL_DELIVERIES = sql<
  never,
  [ids: string[], kinds: string[], payloads: string[], recipients: string[]]
>(
  'outbox_email_deliveries',
  `INSERT INTO email_deliveries (id, kind, payload, recipient)
   SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[])
   ON CONFLICT (id) DO NOTHING`,
);

const MARK_QUEUED = sql<never, [ids: number[]]>(
  'outbox_mark_queued',
  `UPDATE outbox SET queued_at = now() WHERE id = ANY($1::bigint[])`,
);

// Pending rows (queued_at IS NULL) are never touched, however old.
const DELETE_QUEUED = sql<never, [olderThan: string, limit: number]>(
  'outbox_delete_queued',
  `DELETE FROM outbox WHERE id IN (
     SELECT id FROM outbox WHERE queued_at < now() - $1::interval LIMIT $2)`,
);

/**
 * The `outbox` table (docs/design.md §6), the one place both apps reach it: the API adds rows in
 * the caller's unit of work (they exist iff the change commits), the worker's relay claims and
 * stamps them, its cleanup deletes relayed ones.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly database: Database,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async add(...messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.database.rowCount(INSERT, [
      messages.map((message) => message.kind),
      messages.map((message) => JSON.stringify(message.payload)),
    ]);
  }

  /**
   * Claims up to `limit` pending rows, oldest first, passes their jobs to `enqueue` and stamps the
   * rows queued, all in one transaction. When `enqueue` throws (Redis down) the transaction rolls
   * back and the rows stay pending; when the commit fails after `enqueue` succeeded, the next pass
   * adds the same jobs under the same ids, which BullMQ ignores. `SKIP LOCKED` lets several
   * workers relay side by side, each taking rows the others have not claimed.
   *
   * @returns the relay lag of each row relayed, in seconds (as many as rows relayed)
   */
  async relayPending(limit: number, enqueue: (jobs: OutboxJob[]) => Promise<void>): Promise<number[]> {
    return this.unitOfWork.run(async () => {
      const rows = await this.database.rows(CLAIM, [limit, KNOWN_OUTBOX_KINDS]);
      if (rows.length === 0) return [];
      const jobs = rows.flatMap(jobsOfOutboxRow);
      // Each email's delivery state, in the transaction that enqueues it: should BullMQ later drop
      // or fail the job, the row is still pending and the worker enqueues it again (§6).
      const emails = jobs.filter((job) => isEmailJob(job.name));
      if (emails.length > 0) {
        await this.database.rowCount(INSERT_EMAIL_DELIVERIES, [
          emails.map((job) => job.id),
          emails.map((job) => job.name),
          emails.map((job) => JSON.stringify(job.data)),
          emails.map((job) => (job.data as { to: { email: string } }).to.email),
        ]);
      }
      await enqueue(jobs);
      await this.database.rowCount(MARK_QUEUED, [rows.map((row) => row.id)]);
      return rows.map((row) => row.lagSeconds);
    });
  }

  /** Deletes up to `limit` rows relayed longer ago than `olderThan` (an interval); how many it deleted. */
  deleteRelayed(olderThan: string, limit: number): Promise<number> {
    return this.database.rowCount(DELETE_QUEUED, [olderThan, limit]);
  }
}
