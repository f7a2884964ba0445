import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import type { ApprovalRequestDto, TransactionResponseDto } from '@wallet/sdk';
import { ErrorContext } from '../api/error-messages';
import { FormSubmission } from '../shared/form-submission';
import { IdempotencyKeys } from './idempotency-keys';

/**
 * The submit cycle every money form shares (withdraw, transfer, deposit): one request at a time
 * (the button is disabled meanwhile), an Idempotency-Key per submission that a retry of the same
 * submission reuses (docs/design.md §3), and the outcome in words. A deposit above the approval
 * threshold is not a transaction but a request for another admin (docs/design.md §15): `requested`.
 */
export class MoneyFormState<Request> {
  readonly result = signal<TransactionResponseDto | null>(null);
  readonly requested = signal<ApprovalRequestDto | null>(null);
  private readonly submission: FormSubmission;
  readonly submitting;
  readonly error;
  private readonly keys = new IdempotencyKeys();

  constructor(form: FormGroup, context: ErrorContext) {
    this.submission = new FormSubmission(form, context);
    this.submitting = this.submission.submitting.asReadonly();
    this.error = this.submission.error.asReadonly();
  }

  /**
   * Sends `request` with its key. Resolves to the transaction on success, or null when refused,
   * failed or invalid (the error is then set).
   */
  async submit<Answer extends TransactionResponseDto | ApprovalRequestDto>(
    request: Request,
    send: (request: Request, idempotencyKey: string) => Promise<Answer>,
  ): Promise<Answer | null> {
    if (this.submitting()) return null;
    const key = this.keys.keyFor(request);
    this.result.set(null);
    this.requested.set(null);
    return this.submission.run(async () => {
      try {
        const answer = await send(request, key);
        this.keys.settle();
        if (isApprovalRequest(answer)) this.requested.set(answer);
        else this.result.set(answer);
        return answer;
      } catch (error) {
        this.keys.settle(error);
        throw error;
      }
    });
  }
}

/** A 202 of the deposit route: the request, not a transaction (docs/design.md §15). */
export function isApprovalRequest(
  answer: TransactionResponseDto | ApprovalRequestDto,
): answer is ApprovalRequestDto {
  return 'kind' in answer && 'requestedBy' in answer;
}
