import { JobName, type EmailRecipient, type JobPayloads } from '@wallet/shared';
import { renderAccountFrozenEmail } from './account-frozen.template';
import { renderAccountUnfrozenEmail } from './account-unfrozen.template';
import { renderDepositEmail } from './deposit.template';
import type { RenderedEmail } from './email-template';
import { renderTransactionReversedEmail } from './transaction-reversed.template';
import { renderTransferReceivedEmail } from './transfer-received.template';

export type { RenderedEmail } from './email-template';

/**
 * The jobs of the email queue: every job but the transaction log's. A new `JobName` is therefore
 * an email until said otherwise, and `renderEmail` does not compile until it has a template.
 */
export type EmailJobName = Exclude<JobName, JobName.TRANSACTION_RESULT>;

/** An email job as a discriminated union, so each kind is rendered from its own payload type. */
export type EmailMessage = { [K in EmailJobName]: { kind: K; payload: JobPayloads[K] } }[EmailJobName];

/** A job name that is not an email kind. */
export class UnknownEmailKindError extends Error {}

/** Subject, text and HTML of an email job, and who it goes to. */
export function renderEmail(message: EmailMessage): RenderedEmail & { to: EmailRecipient } {
  const to = message.payload.to;
  switch (message.kind) {
    case JobName.TRANSFER_RECEIVED_EMAIL:
      return { to, ...renderTransferReceivedEmail(message.payload) };
    case JobName.DEPOSIT_EMAIL:
      return { to, ...renderDepositEmail(message.payload) };
    case JobName.ACCOUNT_FROZEN_EMAIL:
      return { to, ...renderAccountFrozenEmail(message.payload) };
    case JobName.ACCOUNT_UNFROZEN_EMAIL:
      return { to, ...renderAccountUnfrozenEmail(message.payload) };
    case JobName.TRANSACTION_REVERSED_EMAIL:
      return { to, ...renderTransactionReversedEmail(message.payload) };
    default:
      // Job names arrive from Redis, outside the type system.
      throw new UnknownEmailKindError(`no email template for job "${(message as { kind: string }).kind}"`);
  }
}
