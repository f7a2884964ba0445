import type { AccountFrozenEmailJob } from '@wallet/shared';
import { compileEmailTemplate, formatTimestamp, lines } from './email-template';

/** To a user whose wallet an admin froze; what a frozen wallet may still do is docs/design.md §2. */
export const renderAccountFrozenEmail = compileEmailTemplate(
  {
    subject: 'Your wallet has been frozen',
    text: lines(
      'Hello {{name}},',
      '',
      'Your wallet was frozen on {{occurredAt}}.{{#if reason}} Reason: {{reason}}{{/if}}',
      '',
      'While it is frozen, no money can be deposited into it, withdrawn, sent or received.',
      'You can still sign in and see your balance and history.',
      '',
      'If you think this is a mistake, please contact support.',
    ),
    htmlBody: lines(
      '<p>Hello {{name}},</p>',
      '<p>Your wallet was frozen on {{occurredAt}}.</p>',
      '{{#if reason}}<p>Reason: <strong>{{reason}}</strong></p>{{/if}}',
      '<p>While it is frozen, no money can be deposited into it, withdrawn, sent or received. You can still sign in and see your balance and history.</p>',
      '<p>If you think this is a mistake, please contact support.</p>',
    ),
  },
  (job: AccountFrozenEmailJob) => ({
    name: job.to.name,
    reason: job.reason,
    occurredAt: formatTimestamp(job.occurredAt),
  }),
);
