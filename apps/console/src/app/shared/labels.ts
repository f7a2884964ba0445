import type { TransactionResponseDto, TransactionStatus, TransactionType } from '@wallet/sdk';
import { formatCents } from '@wallet/shared';

export const TYPE_LABELS: Record<TransactionType, string> = {
  deposit: 'Deposit',
  withdraw: 'Withdrawal',
  transfer_out: 'Transfer sent',
  transfer_in: 'Transfer received',
  reversal: 'Reversal',
};

export const STATUS_LABELS: Record<TransactionStatus, string> = {
  SUCCESS: 'Success',
  FAILED: 'Failed',
};

/**
 * Money in is `+$12.34`, money out `-$12.34`. A reversal moves money back the other way from the
 * row it undoes (docs/design.md §13), which the row alone does not say: it is shown unsigned, with
 * the balance it left beside it.
 */
export function signedAmount(transaction: TransactionResponseDto): string {
  if (transaction.type === 'reversal') return formatCents(transaction.amount);
  const out = transaction.type === 'withdraw' || transaction.type === 'transfer_out';
  return out ? formatCents(-transaction.amount) : `+${formatCents(transaction.amount)}`;
}
