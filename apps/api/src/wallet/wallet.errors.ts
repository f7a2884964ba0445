import { ErrorCode, MoneyRuleCode } from '@wallet/shared';
import { DomainError } from '../common/errors/domain-error';
import type { ReversalRefusalCode } from './money-moves.repository';

/**
 * A money rule refused the move; the FAILED row `transactionId` records why (docs/design.md §2). That row
 * is committed, and an idempotent retry replays the same answer (docs/design.md §3.6).
 */
export abstract class MoneyRuleError extends DomainError {
  constructor(code: MoneyRuleCode, detail: string, transactionId: string) {
    super(code, detail, { transactionId });
  }
}

export class WalletFrozenError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(ErrorCode.WALLET_FROZEN, 'The wallet is frozen: no money can move in or out.', transactionId);
  }
}

export class RecipientNotFoundError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(ErrorCode.RECIPIENT_NOT_FOUND, 'No user wallet is registered for that email.', transactionId);
  }
}

export class SelfTransferError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(ErrorCode.SELF_TRANSFER, 'A transfer needs a recipient other than yourself.', transactionId);
  }
}

export class RecipientUnavailableError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(
      ErrorCode.RECIPIENT_UNAVAILABLE,
      "The recipient's account cannot receive money right now.",
      transactionId,
    );
  }
}

export class DailyLimitExceededError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(ErrorCode.DAILY_LIMIT_EXCEEDED, "This amount would exceed today's limit.", transactionId);
  }
}

export class InsufficientFundsError extends MoneyRuleError {
  constructor(transactionId: string) {
    super(ErrorCode.INSUFFICIENT_FUNDS, 'The balance is lower than the amount.', transactionId);
  }
}

export const MONEY_RULE_ERRORS: Record<MoneyRuleCode, new (transactionId: string) => MoneyRuleError> = {
  [ErrorCode.WALLET_FROZEN]: WalletFrozenError,
  [ErrorCode.RECIPIENT_NOT_FOUND]: RecipientNotFoundError,
  [ErrorCode.SELF_TRANSFER]: SelfTransferError,
  [ErrorCode.RECIPIENT_UNAVAILABLE]: RecipientUnavailableError,
  [ErrorCode.DAILY_LIMIT_EXCEEDED]: DailyLimitExceededError,
  [ErrorCode.INSUFFICIENT_FUNDS]: InsufficientFundsError,
};

/** A reversal refused (docs/design.md §13): nothing moved, and no ledger row names the attempt. */
export class NotReversibleError extends DomainError {
  constructor() {
    super(
      ErrorCode.NOT_REVERSIBLE,
      'Only a SUCCESS deposit, withdrawal or transfer can be reversed; this row is FAILED or a reversal.',
    );
  }
}

export class AlreadyReversedError extends DomainError {
  constructor() {
    super(ErrorCode.ALREADY_REVERSED, 'This transaction has already been reversed.');
  }
}

export class ReversalInsufficientFundsError extends DomainError {
  constructor() {
    super(
      ErrorCode.INSUFFICIENT_FUNDS,
      'Reversing this transaction would take a wallet below zero; nothing was moved.',
    );
  }
}

export const REVERSAL_ERRORS: Record<ReversalRefusalCode, new () => DomainError> = {
  [ErrorCode.NOT_REVERSIBLE]: NotReversibleError,
  [ErrorCode.ALREADY_REVERSED]: AlreadyReversedError,
  [ErrorCode.INSUFFICIENT_FUNDS]: ReversalInsufficientFundsError,
};

/** Deposits go to user wallets only; admins have none (docs/design.md §4). */
export class AdminAccountError extends DomainError {
  constructor(detail = 'Admin accounts have no wallet.') {
    super(ErrorCode.ADMIN_ACCOUNT, detail);
  }
}
