export enum Role {
  USER = 'user',
  ADMIN = 'admin',
}

export enum UserStatus {
  ACTIVE = 'active',
  INACTIVE = 'inactive',
}

export enum TransactionType {
  DEPOSIT = 'deposit',
  WITHDRAW = 'withdraw',
  TRANSFER_OUT = 'transfer_out',
  TRANSFER_IN = 'transfer_in',
  /** Moves back the money of one SUCCESS row it names (`reversesId`, docs/design.md §13). */
  REVERSAL = 'reversal',
}

export enum TransactionStatus {
  SUCCESS = 'SUCCESS',
  FAILED = 'FAILED',
}

export enum AuditAction {
  DEPOSIT = 'deposit',
  FREEZE = 'freeze',
  UNFREEZE = 'unfreeze',
  ACTIVATE = 'activate',
  DEACTIVATE = 'deactivate',
  REVERSE = 'reverse',
  /** docs/design.md §15: an admin turned their second factor on, or another admin reset it. */
  TOTP_ENABLED = 'totp_enabled',
  TOTP_RESET = 'totp_reset',
  /** docs/design.md §15: a four-eyes request, and its decision by another admin. */
  APPROVAL_REQUESTED = 'approval_requested',
  APPROVAL_APPROVED = 'approval_approved',
  APPROVAL_REJECTED = 'approval_rejected',
}

/** What a four-eyes request asks for (docs/design.md §15). */
export enum ApprovalKind {
  DEPOSIT = 'deposit',
  /** docs/design.md §13: undoes one ledger row (both legs of a transfer). */
  REVERSAL = 'reversal',
}

/** A four-eyes request is decided once (docs/design.md §15). */
export enum ApprovalStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
}

/** Where an email stands (docs/design.md §6); kept in Postgres, so a long SMTP outage loses nothing. */
export enum EmailDeliveryStatus {
  /** Not accepted by the SMTP server yet: retried with capped backoff. */
  PENDING = 'pending',
  SENT = 'sent',
  /** An admin gave up on it, or the SMTP server refused it for good. */
  ABANDONED = 'abandoned',
}

/** What other services can subscribe to (docs/design.md §14); an endpoint may also take `*`, every type. */
export enum WebhookEventType {
  TRANSACTION_SUCCEEDED = 'transaction.succeeded',
  TRANSACTION_FAILED = 'transaction.failed',
  TRANSACTION_REVERSED = 'transaction.reversed',
  ACCOUNT_FROZEN = 'account.frozen',
  ACCOUNT_UNFROZEN = 'account.unfrozen',
  USER_REGISTERED = 'user.registered',
  USER_ACTIVATED = 'user.activated',
  USER_DEACTIVATED = 'user.deactivated',
}

/** An endpoint's subscription to every event type, present and future. */
export const ALL_WEBHOOK_EVENTS = '*';

/** Where one event's delivery to one endpoint stands (docs/design.md §14). */
export enum WebhookDeliveryStatus {
  /** Not answered with a 2xx yet: retried on the schedule of §14. */
  PENDING = 'pending',
  SUCCEEDED = 'succeeded',
  /** Every scheduled attempt failed; an admin can still retry it. */
  FAILED = 'failed',
}
