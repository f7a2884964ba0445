import { Cents, ErrorCode, MoneyRuleCode, UserStatus } from '@wallet/shared';

export interface WalletState {
  frozen: boolean;
  balance: Cents;
}

export interface RecipientState extends WalletState {
  userId: string;
  status: UserStatus;
}

export interface DailyUsage {
  limit: Cents;
  used: Cents;
}

/** Exactly the limit is allowed (DESIGN §2). */
export function exceedsDailyLimit(usage: DailyUsage, amount: Cents): boolean {
  return usage.used + amount > usage.limit;
}

export function remainingToday(usage: DailyUsage): Cents {
  return Math.max(usage.limit - usage.used, 0);
}

/** The first rule a withdrawal breaks, in the order of DESIGN §2, or null. */
export function withdrawViolation(
  wallet: WalletState,
  usage: DailyUsage,
  amount: Cents,
): MoneyRuleCode | null {
  if (wallet.frozen) return ErrorCode.WALLET_FROZEN;
  if (exceedsDailyLimit(usage, amount)) return ErrorCode.DAILY_LIMIT_EXCEEDED;
  if (wallet.balance < amount) return ErrorCode.INSUFFICIENT_FUNDS;
  return null;
}

/** The first rule a transfer breaks, in the order of DESIGN §2, or null. */
export function transferViolation(
  sender: WalletState & { userId: string },
  recipient: RecipientState | undefined,
  usage: DailyUsage,
  amount: Cents,
): MoneyRuleCode | null {
  if (sender.frozen) return ErrorCode.WALLET_FROZEN;
  if (!recipient) return ErrorCode.RECIPIENT_NOT_FOUND;
  if (recipient.userId === sender.userId) return ErrorCode.SELF_TRANSFER;
  if (recipient.frozen || recipient.status !== UserStatus.ACTIVE) return ErrorCode.RECIPIENT_UNAVAILABLE;
  if (exceedsDailyLimit(usage, amount)) return ErrorCode.DAILY_LIMIT_EXCEEDED;
  if (sender.balance < amount) return ErrorCode.INSUFFICIENT_FUNDS;
  return null;
}

/** Deposits have no limit; only a frozen wallet refuses them (DESIGN §2). */
export function depositViolation(wallet: WalletState): MoneyRuleCode | null {
  return wallet.frozen ? ErrorCode.WALLET_FROZEN : null;
}
