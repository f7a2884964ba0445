import {
  type Role,
  TransactionStatus,
  TransactionType,
  type UserStatus,
  WebhookEventType,
} from '@wallet/shared';
import { createHash, randomUUID } from 'node:crypto';
import { MONEY_MOVE_OUTBOX_KIND, type PendingOutboxRow, WEBHOOK_EVENT_OUTBOX_KIND } from './outbox-jobs';

/**
 * The events other services subscribe to (docs/design.md §14), and where each comes from: a money
 * move's outbox row (derived here from its ledger rows, as its emails are), or a row of kind
 * `webhook-event` the API writes in the transaction of the change (freeze, registration, …).
 */

/** `data` of a transaction event: the Transaction as the API shows it (docs/design.md §5), and whose it is. */
export interface WebhookTransactionData {
  id: string;
  type: TransactionType;
  amount: number;
  status: TransactionStatus;
  failureReason: string | null;
  counterpartyName: string | null;
  balanceAfter: number;
  transferId: string | null;
  memo: string | null;
  reversesId: string | null;
  /** Null when the event is written: a row is reversed only later, by a row of its own. */
  reversedById: string | null;
  createdAt: string;
  userId: string;
}

/** `data` of `account.frozen` and `account.unfrozen`. */
export interface WebhookAccountData {
  userId: string;
  walletId: string;
  frozen: boolean;
  frozenReason: string | null;
}

/** `data` of the user events: the User as the API shows it. */
export interface WebhookUserData {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
}

export interface WebhookEventData {
  [WebhookEventType.TRANSACTION_SUCCEEDED]: WebhookTransactionData;
  [WebhookEventType.TRANSACTION_FAILED]: WebhookTransactionData;
  [WebhookEventType.TRANSACTION_REVERSED]: WebhookTransactionData;
  [WebhookEventType.ACCOUNT_FROZEN]: WebhookAccountData;
  [WebhookEventType.ACCOUNT_UNFROZEN]: WebhookAccountData;
  [WebhookEventType.USER_REGISTERED]: WebhookUserData;
  [WebhookEventType.USER_ACTIVATED]: WebhookUserData;
  [WebhookEventType.USER_DEACTIVATED]: WebhookUserData;
}

/** One event: its id (stable, whoever derives it), and the body every endpoint receives. */
export interface WebhookEvent<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  /** When it happened (ISO 8601); `webhook-timestamp` is the attempt's time instead. */
  timestamp: string;
  data: WebhookEventData[T];
}

/** The JSON body of a delivery: `{type, timestamp, data}` (docs/design.md §14). */
export function webhookBody(event: WebhookEvent): { type: string; timestamp: string; data: unknown } {
  return { type: event.type, timestamp: event.timestamp, data: event.data };
}

/** An outbox message carrying one event, for `OutboxRepository.add` in the change's unit of work. */
export interface WebhookEventMessage {
  kind: typeof WEBHOOK_EVENT_OUTBOX_KIND;
  payload: WebhookEvent;
}

export function webhookEventMessage<T extends WebhookEventType>(
  type: T,
  data: WebhookEventData[T],
  timestamp = new Date(),
): WebhookEventMessage {
  return {
    kind: WEBHOOK_EVENT_OUTBOX_KIND,
    payload: { id: randomUUID(), type, timestamp: timestamp.toISOString(), data },
  };
}

/**
 * A UUID derived from what an event is about, so that deriving it again (a batch relayed twice
 * after a failed commit) gives the same event id, and the `(endpoint, event)` key refuses the copy.
 */
export function derivedEventId(type: WebhookEventType, sourceId: string): string {
  const hex = createHash('sha256').update(`${type}\n${sourceId}`).digest('hex');
  // The layout of a UUID (version 8, "custom", RFC 9562), so it fits a uuid column and reads as one.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16) + hex.slice(17, 20),
    hex.slice(20, 32),
  ].join('-');
}

/**
 * The events of one outbox row. A money move gives one per ledger row it wrote, each to be
 * delivered with its owner's id: a transfer's two legs give two events, so the sender's and the
 * recipient's sides are each announced with their own leg (docs/design.md §14).
 */
export function eventsOfOutboxRow(row: PendingOutboxRow): WebhookEvent[] {
  if (row.kind === WEBHOOK_EVENT_OUTBOX_KIND) return [row.payload as WebhookEvent];
  if (row.kind !== MONEY_MOVE_OUTBOX_KIND || row.transactionId === null) return [];
  const legs: WebhookTransactionData[] = [
    {
      id: row.transactionId,
      type: row.type!,
      amount: row.amount!,
      status: row.status!,
      failureReason: row.failureReason,
      counterpartyName: row.counterpartyName,
      balanceAfter: row.balanceAfter!,
      transferId: row.transferId,
      memo: row.memo,
      reversesId: row.reversesId,
      reversedById: null,
      createdAt: row.createdAt!.toISOString(),
      userId: row.ownerId!,
    },
  ];
  if (row.otherLegId !== null) {
    legs.push({
      id: row.otherLegId,
      type: row.otherLegType!,
      amount: row.amount!,
      status: row.otherLegStatus!,
      failureReason: row.otherLegFailureReason,
      counterpartyName: row.otherLegCounterpartyName,
      balanceAfter: row.otherLegBalanceAfter!,
      transferId: row.transferId,
      // A memo is carried on both legs of a transfer (docs/design.md §13).
      memo: row.memo,
      reversesId: null,
      reversedById: null,
      createdAt: row.otherLegCreatedAt!.toISOString(),
      userId: row.otherOwnerId!,
    });
  }
  return legs.map((leg) => {
    const type = transactionEventType(leg);
    return { id: derivedEventId(type, leg.id), type, timestamp: leg.createdAt, data: leg };
  });
}

/**
 * Which event a ledger row is: a reversal row (docs/design.md §13, one per wallet it changed, each
 * with an outbox row of its own) is `transaction.reversed`, its `reversesId` naming the row it
 * undoes; any other row `transaction.succeeded`, or `transaction.failed` when it was refused.
 */
function transactionEventType(leg: WebhookTransactionData): WebhookEventType {
  if (leg.status !== TransactionStatus.SUCCESS) return WebhookEventType.TRANSACTION_FAILED;
  return leg.type === TransactionType.REVERSAL
    ? WebhookEventType.TRANSACTION_REVERSED
    : WebhookEventType.TRANSACTION_SUCCEEDED;
}
