import { JobName, type JobPayloads, TransactionStatus, TransactionType } from '@wallet/shared';

/**
 * The outbox contract (docs/design.md §6), one module for both sides: the API writes rows in the
 * transaction of the change they announce, the worker relays each into BullMQ under an id derived
 * from the row's, and cleanup removes relayed rows after a while.
 */

/** A message the API writes: a job's name and its payload. */
export interface OutboxMessage<K extends JobName = JobName> {
  kind: K;
  payload: JobPayloads[K];
}

/** Typed constructor for one message. */
export function outboxMessage<K extends JobName>(kind: K, payload: JobPayloads[K]): OutboxMessage<K> {
  return { kind, payload };
}

/**
 * The `kind` of a money move's outbox row (written by the money-move functions in Postgres): it
 * names the move's ledger row (and a transfer's other leg), and the relay derives the move's jobs
 * from the ledger. Every other row's kind is the JobName of its one job, with the job's payload.
 */
export const MONEY_MOVE_OUTBOX_KIND = 'money-move';

/**
 * The kinds this build knows. A row of another kind (written by a newer API during a rolling
 * deploy) stays pending for a worker that knows it, instead of being dropped or failing a batch.
 */
export const KNOWN_OUTBOX_KINDS: string[] = [...Object.values(JobName), MONEY_MOVE_OUTBOX_KIND];

/**
 * A BullMQ job id for an outbox row, or for one of the jobs derived from a money move's row:
 * enqueueing the same row twice is a no-op.
 */
export function outboxJobId(outboxId: number | string, derived?: JobName): string {
  // BullMQ refuses custom ids that are plain integers, and ids with a colon.
  return derived ? `outbox-${outboxId}-${derived}` : `outbox-${outboxId}`;
}

/** A job to add for an outbox row, its id derived from the row's. */
export interface OutboxJob<K extends JobName = JobName> {
  id: string;
  name: K;
  data: JobPayloads[K];
}

/** A pending row as the relay reads it: its own payload, or the ledger rows of its money move. */
export interface PendingOutboxRow {
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

/**
 * The jobs of one outbox row. A money move's are its result for the transaction log (SUCCESS or
 * FAILED), and on SUCCESS the email: a deposit to the wallet's owner, a transfer to the recipient
 * (the other leg's owner) with its memo, a reversal to the owner of its wallet (docs/design.md
 * §13). A withdrawal sends none.
 */
export function jobsOfOutboxRow(row: PendingOutboxRow): OutboxJob[] {
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
function moveOf(row: PendingOutboxRow) {
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
