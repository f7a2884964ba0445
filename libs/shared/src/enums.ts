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
}
