import { formatCents, TransactionType, type TransactionReversedEmailJob } from '@wallet/shared';
import { compileEmailTemplate, formatTimestamp, lines } from './email-template';

/** How the email names the move that was undone, from its owner's side. */
const MOVE_NAMES: Record<TransactionType, string> = {
  [TransactionType.DEPOSIT]: 'deposit',
  [TransactionType.WITHDRAW]: 'withdrawal',
  [TransactionType.TRANSFER_OUT]: 'transfer sent',
  [TransactionType.TRANSFER_IN]: 'transfer received',
  [TransactionType.REVERSAL]: 'reversal',
};

/**
 * To the owner of each wallet a reversal changed (docs/design.md §13): which move was undone,
 * which way the money went, and the admin's reason.
 */
export const renderTransactionReversedEmail = compileEmailTemplate(
  {
    subject: 'A {{move}} of {{amount}} was reversed',
    text: lines(
      'Hello {{name}},',
      '',
      'Your {{move}} of {{amount}} on {{reversedAt}} was reversed: {{amount}} was {{movement}}.',
      'Your balance is now {{balanceAfter}}.',
      '',
      'Reason: {{reason}}',
      '',
      'Reversed transaction: {{reversedTransactionId}}',
      'Reversal: {{transactionId}}',
      'Date: {{occurredAt}}',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p>Your {{move}} of <strong>{{amount}}</strong> on {{reversedAt}} was reversed: <strong>{{amount}}</strong> was {{movement}}. Your balance is now <strong>{{balanceAfter}}</strong>.</p>',
      '<p>Reason: <strong>{{reason}}</strong></p>',
      '<p style="color:#52606d;">Reversed transaction: {{reversedTransactionId}}<br>Reversal: {{transactionId}}<br>Date: {{occurredAt}}</p>',
    ),
  },
  (job: TransactionReversedEmailJob) => ({
    name: job.to.name,
    move: MOVE_NAMES[job.reversedType],
    amount: formatCents(job.amount),
    movement: job.direction === 'credit' ? 'put back into your wallet' : 'taken back out of your wallet',
    balanceAfter: formatCents(job.balanceAfter),
    reason: job.reason,
    reversedAt: formatTimestamp(job.reversedAt),
    reversedTransactionId: job.reversedTransactionId,
    transactionId: job.transactionId,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
