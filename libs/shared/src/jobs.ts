import type { Cents } from './money';
import type { TransactionStatus, TransactionType } from './enums';

/** BullMQ queues (docs/design.md §6). */
export enum QueueName {
  EMAIL = 'email',
  TRANSACTION_LOG = 'transaction-log',
  WEBHOOK = 'webhook',
}

/** Every background job; an outbox row's `kind` is one of these. */
export enum JobName {
  TRANSFER_RECEIVED_EMAIL = 'transfer-received-email',
  DEPOSIT_EMAIL = 'deposit-email',
  ACCOUNT_FROZEN_EMAIL = 'account-frozen-email',
  ACCOUNT_UNFROZEN_EMAIL = 'account-unfrozen-email',
  TRANSACTION_RESULT = 'transaction-result',
  WEBHOOK_DELIVERY = 'webhook-delivery',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TRANSFER_RECEIVED_EMAIL]: QueueName.EMAIL,
  [JobName.DEPOSIT_EMAIL]: QueueName.EMAIL,
  [JobName.ACCOUNT_FROZEN_EMAIL]: QueueName.EMAIL,
  [JobName.ACCOUNT_UNFROZEN_EMAIL]: QueueName.EMAIL,
  [JobName.TRANSACTION_RESULT]: QueueName.TRANSACTION_LOG,
  [JobName.WEBHOOK_DELIVERY]: QueueName.WEBHOOK,
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

/**
 * One attempt at one event's delivery to one endpoint (docs/design.md §14). Everything else (the
 * body, the endpoint's URL and secrets, the attempt count) is read from `webhook_deliveries` when
 * the job runs, so a secret never sits in Redis and a job is safe to run twice.
 */
export interface WebhookDeliveryJob {
  deliveryId: string;
  /** Its endpoint, so the worker can hold back a busy endpoint's deliveries without a query. */
  endpointId: string;
}

export interface JobPayloads {
  [JobName.TRANSFER_RECEIVED_EMAIL]: TransferReceivedEmailJob;
  [JobName.DEPOSIT_EMAIL]: DepositEmailJob;
  [JobName.ACCOUNT_FROZEN_EMAIL]: AccountFrozenEmailJob;
  [JobName.ACCOUNT_UNFROZEN_EMAIL]: AccountUnfrozenEmailJob;
  [JobName.TRANSACTION_RESULT]: TransactionResultJob;
  [JobName.WEBHOOK_DELIVERY]: WebhookDeliveryJob;
}
