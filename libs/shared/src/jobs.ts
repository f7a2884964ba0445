import type { Cents } from './money';
import type { TransactionStatus, TransactionType } from './enums';

/** BullMQ queues (docs/design.md §6). */
export enum QueueName {
  EMAIL = 'email',
  TRANSACTION_LOG = 'transaction-log',
}

/** Every background job; an outbox row's `kind` is one of these. */
export enum JobName {
  TRANSFER_RECEIVED_EMAIL = 'transfer-received-email',
  DEPOSIT_EMAIL = 'deposit-email',
  ACCOUNT_FROZEN_EMAIL = 'account-frozen-email',
  ACCOUNT_UNFROZEN_EMAIL = 'account-unfrozen-email',
  TRANSACTION_RESULT = 'transaction-result',
  TRANSACTION_REVERSED_EMAIL = 'transaction-reversed-email',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TRANSFER_RECEIVED_EMAIL]: QueueName.EMAIL,
  [JobName.DEPOSIT_EMAIL]: QueueName.EMAIL,
  [JobName.ACCOUNT_FROZEN_EMAIL]: QueueName.EMAIL,
  [JobName.ACCOUNT_UNFROZEN_EMAIL]: QueueName.EMAIL,
  [JobName.TRANSACTION_RESULT]: QueueName.TRANSACTION_LOG,
  [JobName.TRANSACTION_REVERSED_EMAIL]: QueueName.EMAIL,
};

/** Whether a job sends an email, and so has a row in `email_deliveries` (docs/design.md §6). */
export function isEmailJob(name: JobName): boolean {
  return JOB_QUEUE[name] === QueueName.EMAIL;
}

/** Who an email goes to. */
export interface EmailRecipient {
  email: string;
  name: string;
}

export interface TransferReceivedEmailJob {
  to: EmailRecipient;
  senderName: string;
  amount: Cents;
  balanceAfter: Cents;
  transactionId: string;
  occurredAt: string;
  /** What the sender wrote (docs/design.md §13); null or absent when nothing. */
  memo?: string | null;
}

export interface DepositEmailJob {
  to: EmailRecipient;
  amount: Cents;
  balanceAfter: Cents;
  transactionId: string;
  occurredAt: string;
}

export interface AccountFrozenEmailJob {
  to: EmailRecipient;
  reason: string | null;
  occurredAt: string;
}

export interface AccountUnfrozenEmailJob {
  to: EmailRecipient;
  occurredAt: string;
}

/**
 * To the owner of each wallet a reversal changed (docs/design.md §13): which move was undone, which
 * way the money went back, and the admin's reason.
 */
export interface TransactionReversedEmailJob {
  to: EmailRecipient;
  /** The type of the row undone: deposit, withdraw, transfer_out or transfer_in. */
  reversedType: TransactionType;
  reversedTransactionId: string;
  reversedAt: string;
  amount: Cents;
  /** `credit`: the money came back into the wallet; `debit`: it was taken out again. */
  direction: 'credit' | 'debit';
  reason: string;
  balanceAfter: Cents;
  transactionId: string;
  occurredAt: string;
}

/** The outcome of every money move, SUCCESS or FAILED, logged by the worker off the request path. */
export interface TransactionResultJob {
  transactionId: string;
  walletId: string;
  type: TransactionType;
  amount: Cents;
  status: TransactionStatus;
  failureReason: string | null;
  transferId: string | null;
  occurredAt: string;
}

export interface JobPayloads {
  [JobName.TRANSFER_RECEIVED_EMAIL]: TransferReceivedEmailJob;
  [JobName.DEPOSIT_EMAIL]: DepositEmailJob;
  [JobName.ACCOUNT_FROZEN_EMAIL]: AccountFrozenEmailJob;
  [JobName.ACCOUNT_UNFROZEN_EMAIL]: AccountUnfrozenEmailJob;
  [JobName.TRANSACTION_RESULT]: TransactionResultJob;
  [JobName.TRANSACTION_REVERSED_EMAIL]: TransactionReversedEmailJob;
}
