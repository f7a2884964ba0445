import type { AccountUnfrozenEmailJob } from '@wallet/shared';
import { compileEmailTemplate, formatTimestamp, lines } from './email-template';

/** To a user whose wallet an admin unfroze. */
export const renderAccountUnfrozenEmail = compileEmailTemplate(
  {
    subject: 'Your wallet is active again',
    text: lines(
      'Hello {{name}},',
      '',
      'Your wallet was unfrozen on {{occurredAt}}.',
      'You can deposit, withdraw, send and receive money again.',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p>Your wallet was unfrozen on {{occurredAt}}. You can deposit, withdraw, send and receive money again.</p>',
    ),
  },
  (job: AccountUnfrozenEmailJob) => ({
    name: job.to.name,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
