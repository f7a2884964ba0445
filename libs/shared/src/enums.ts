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
}

/** Where an email stands (docs/design.md §6); kept in Postgres, so a long SMTP outage loses nothing. */
export enum EmailDeliveryStatus {
  /** Not accepted by the SMTP server yet: retried with capped backoff. */
  PENDING = 'pending',
  SENT = 'sent',
  /** An admin gave up on it, or the SMTP server refused it for good. */
  ABANDONED = 'abandoned',
}
