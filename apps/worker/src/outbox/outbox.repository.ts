import { Injectable } from '@nestjs/common';
import {
  JobName,
  type JobPayloads,
  isEmailJob,
  MONEY_MOVE_OUTBOX_KIND,
  outboxJobId,
  TransactionStatus,
  TransactionType,
} from '@wallet/shared';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from '../metrics/worker-metrics';

/** A job to add for an outbox row, its id derived from the row's (docs/design.md §6). */
export interface OutboxJob<K extends JobName = JobName> {
  id: string;
  name: K;
  data: JobPayloads[K];
}

/** A pending row as read for relaying: its own payload, or the ledger rows of its money move. */
interface PendingRow {
  id: number;
  kind: string;
  payload: unknown;
  transactionId: string | null;
  walletId: string | null;
  type: TransactionType | null;
  amount: number | null;
  status: TransactionStatus | null;
  failureReason: string | null;
  transferId: string | null;
  createdAt: Date | null;
  /** Seconds since the outbox row was written, by the database's clock (the API's commit). */
  lagSeconds: number;
  balanceAfter: number | null;
  ownerEmail: string | null;
  ownerName: string | null;
  otherLegId: string | null;
  otherLegBalanceAfter: number | null;
  otherOwnerEmail: string | null;
  otherOwnerName: string | null;
  memo: string | null;
  /** On a reversal row (docs/design.md §13): the row it undoes. */
  reversesId: string | null;
  reversedType: TransactionType | null;
  reversedAt: Date | null;
}

// A row whose kind this worker does not know (written by a newer API during a rolling deploy)
// stays pending for a worker that does know it, instead of being dropped or failing every batch.
const KNOWN_KINDS: string[] = [...Object.values(JobName), MONEY_MOVE_OUTBOX_KIND];

/** The worker's access to the `outbox` table (docs/design.md §6); the API writes it, the relay drains it. */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * Claims up to `limit` pending rows, oldest first, passes their jobs to `enqueue` and stamps the
   * rows queued, all in one transaction. When `enqueue` throws (Redis down) the transaction rolls
   * back and the rows stay pending; when the commit fails after `enqueue` succeeded, the next pass
   * adds the same jobs under the same ids, which BullMQ ignores. `SKIP LOCKED` lets several
   * workers relay side by side, each taking rows the others have not claimed.
   *
   * @returns how many rows were relayed
   */
  async relayPending(limit: number, enqueue: (jobs: OutboxJob[]) => Promise<void>): Promise<number> {
    const relayed = await this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
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
        [limit, KNOWN_KINDS],
      );
      if (rows.length === 0) return rows;
      const jobs = rows.flatMap(jobsOf);
      // Each email's delivery state, in the transaction that enqueues it: should BullMQ later drop
      // or fail the job, the row is still pending and the worker enqueues it again (docs/design.md §6).
      const emails = jobs.filter((job) => isEmailJob(job.name));
      if (emails.length > 0) {
        await manager.query(
          `INSERT INTO email_deliveries (id, kind, payload, recipient)
           SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[])
           ON CONFLICT (id) DO NOTHING`,
          [
            emails.map((job) => job.id),
            emails.map((job) => job.name),
            emails.map((job) => JSON.stringify(job.data)),
            emails.map((job) => (job.data as { to: { email: string } }).to.email),
          ],
        );
      }
      await enqueue(jobs);
      await manager.query(`UPDATE outbox SET queued_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return rows;
    });
    // Observed once committed: a batch rolled back was not relayed, and is observed when it is.
    for (const row of relayed) this.metrics.relayLag.observe(row.lagSeconds);
    return relayed.length;
  }
}

/**
 * The jobs of one outbox row. A money move's are its result for the transaction log (SUCCESS or
 * FAILED, docs/design.md §6), and on SUCCESS the email: a deposit to the wallet's owner, a transfer to
 * the recipient (the other leg's owner) with the memo, a reversal to the owner of its wallet
 * (docs/design.md §13). A withdrawal sends none.
 */
function jobsOf(row: PendingRow): OutboxJob[] {
  if (row.kind !== MONEY_MOVE_OUTBOX_KIND) {
    // The payload was typed where the API wrote the row; the kind says which type.
    return [
      { id: outboxJobId(row.id), name: row.kind as JobName, data: row.payload as JobPayloads[JobName] },
    ];
  }
  const move = moveOf(row);
  const jobs: OutboxJob[] = [
    {
      id: outboxJobId(row.id, JobName.TRANSACTION_RESULT),
      name: JobName.TRANSACTION_RESULT,
      data: {
        transactionId: move.transactionId,
        walletId: move.walletId,
        type: move.type,
        amount: move.amount,
        status: move.status,
        failureReason: move.failureReason,
        transferId: move.transferId,
        occurredAt: move.occurredAt,
      },
    },
  ];
  if (move.status !== TransactionStatus.SUCCESS) return jobs;
  if (move.type === TransactionType.DEPOSIT) {
    jobs.push({
      id: outboxJobId(row.id, JobName.DEPOSIT_EMAIL),
      name: JobName.DEPOSIT_EMAIL,
      data: {
        to: move.owner,
        amount: move.amount,
        balanceAfter: move.balanceAfter,
        transactionId: move.transactionId,
        occurredAt: move.occurredAt,
      },
    });
  }
  if (move.type === TransactionType.TRANSFER_OUT && row.otherLegId !== null) {
    jobs.push({
      id: outboxJobId(row.id, JobName.TRANSFER_RECEIVED_EMAIL),
      name: JobName.TRANSFER_RECEIVED_EMAIL,
      data: {
        to: { email: row.otherOwnerEmail!, name: row.otherOwnerName! },
        senderName: move.owner.name,
        amount: move.amount,
        balanceAfter: row.otherLegBalanceAfter!,
        transactionId: row.otherLegId,
        occurredAt: move.occurredAt,
        memo: row.memo,
      },
    });
  }
  if (move.type === TransactionType.REVERSAL && row.reversesId !== null) {
    // Each reversal row has an outbox row of its own: one email per wallet the reversal changed.
    // Its memo is the admin's reason; the money goes back the way the undone row moved it.
    const reversedType = row.reversedType!;
    const wasCredit =
      reversedType === TransactionType.DEPOSIT || reversedType === TransactionType.TRANSFER_IN;
    jobs.push({
      id: outboxJobId(row.id, JobName.TRANSACTION_REVERSED_EMAIL),
      name: JobName.TRANSACTION_REVERSED_EMAIL,
      data: {
        to: move.owner,
        reversedType,
        reversedTransactionId: row.reversesId,
        reversedAt: row.reversedAt!.toISOString(),
        amount: move.amount,
        direction: wasCredit ? 'debit' : 'credit',
        reason: row.memo ?? '',
        balanceAfter: move.balanceAfter,
        transactionId: move.transactionId,
        occurredAt: move.occurredAt,
      },
    });
  }
  return jobs;
}

/** The money move's own ledger row; the foreign keys guarantee the joins found it. */
function moveOf(row: PendingRow) {
  if (row.transactionId === null) throw new Error(`outbox row ${row.id} names no ledger row`);
  return {
    transactionId: row.transactionId,
    walletId: row.walletId!,
    type: row.type!,
    amount: row.amount!,
    status: row.status!,
    failureReason: row.failureReason,
    transferId: row.transferId,
    balanceAfter: row.balanceAfter!,
    occurredAt: row.createdAt!.toISOString(),
    owner: { email: row.ownerEmail!, name: row.ownerName! },
  };
}
