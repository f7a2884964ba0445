import type { TransactionResponseDto, TransactionStatus, TransactionType } from '@wallet/sdk';
import { formatCents } from '@wallet/shared';

export const TYPE_LABELS: Record<TransactionType, string> = {
  deposit: 'Deposit',
  withdraw: 'Withdrawal',
  transfer_out: 'Transfer sent',
  transfer_in: 'Transfer received',
};

export const STATUS_LABELS: Record<TransactionStatus, string> = {
  SUCCESS: 'Success',
  FAILED: 'Failed',
};

/** Money in is `+$12.34`, money out `-$12.34`. */
export function signedAmount(transaction: TransactionResponseDto): string {
  const out = transaction.type === 'withdraw' || transaction.type === 'transfer_out';
  return out ? formatCents(-transaction.amount) : `+${formatCents(transaction.amount)}`;
}
