import { formatCents, type TransferReceivedEmailJob } from '@wallet/shared';
import { compileEmailTemplate, formatTimestamp, lines } from './email-template';

/** To the recipient of a SUCCESS transfer. */
export const renderTransferReceivedEmail = compileEmailTemplate(
  {
    // The sender's name is free text another user chose: kept out of the subject, where it could
    // pose as a message from the wallet itself.
    subject: 'You received {{amount}} in your wallet',
    text: lines(
      'Hello {{name}},',
      '',
      '{{senderName}} sent you {{amount}}. Your balance is now {{balanceAfter}}.',
      '',
      'Transaction: {{transactionId}}',
      'Date: {{occurredAt}}',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p><strong>{{senderName}}</strong> sent you <strong>{{amount}}</strong>. Your balance is now <strong>{{balanceAfter}}</strong>.</p>',
      '<p style="color:#52606d;">Transaction: {{transactionId}}<br>Date: {{occurredAt}}</p>',
    ),
  },
  (job: TransferReceivedEmailJob) => ({
    name: job.to.name,
    senderName: job.senderName,
    amount: formatCents(job.amount),
    balanceAfter: formatCents(job.balanceAfter),
    transactionId: job.transactionId,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
