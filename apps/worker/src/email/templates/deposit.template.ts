import { formatCents, type DepositEmailJob } from '@wallet/shared';
import { compileEmailTemplate, formatTimestamp, lines } from './email-template';

/** To the owner of a wallet an admin deposited into (SUCCESS only). */
export const renderDepositEmail = compileEmailTemplate(
  {
    subject: '{{amount}} was deposited into your wallet',
    text: lines(
      'Hello {{name}},',
      '',
      '{{amount}} was deposited into your wallet. Your balance is now {{balanceAfter}}.',
      '',
      'Transaction: {{transactionId}}',
      'Date: {{occurredAt}}',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p><strong>{{amount}}</strong> was deposited into your wallet. Your balance is now <strong>{{balanceAfter}}</strong>.</p>',
      '<p style="color:#52606d;">Transaction: {{transactionId}}<br>Date: {{occurredAt}}</p>',
    ),
  },
  (job: DepositEmailJob) => ({
    name: job.to.name,
    amount: formatCents(job.amount),
    balanceAfter: formatCents(job.balanceAfter),
    transactionId: job.transactionId,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
