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
      '{{#if memo}}',
      'Memo: {{memo}}',
      '{{/if}}',
      '',
      'Transaction: {{transactionId}}',
      'Date: {{occurredAt}}',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p><strong>{{senderName}}</strong> sent you <strong>{{amount}}</strong>. Your balance is now <strong>{{balanceAfter}}</strong>.</p>',
      '{{#if memo}}<p>Memo: <strong>{{memo}}</strong></p>{{/if}}',
      '<p style="color:#52606d;">Transaction: {{transactionId}}<br>Date: {{occurredAt}}</p>',
    ),
  },
  (job: TransferReceivedEmailJob) => ({
    name: job.to.name,
    senderName: job.senderName,
    amount: formatCents(job.amount),
    balanceAfter: formatCents(job.balanceAfter),
    // The sender's text (docs/design.md §13): in the body only, escaped in the HTML part, and
    // free of line breaks and control characters by the API's validation.
    memo: job.memo ?? null,
    transactionId: job.transactionId,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
