import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import type { TransactionResponseDto } from '@wallet/sdk';
import { ErrorContext } from '../api/error-messages';
import { FormSubmission } from '../shared/form-submission';
import { IdempotencyKeys } from './idempotency-keys';

/**
 * The submit cycle every money form shares (withdraw, transfer, deposit): one request at a time
 * (the button is disabled meanwhile), an Idempotency-Key per submission that a retry of the same
 * submission reuses (docs/design.md §3), and the outcome in words.
 */
export class MoneyFormState<Request> {
  readonly result = signal<TransactionResponseDto | null>(null);
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
  async submit(
    request: Request,
    send: (request: Request, idempotencyKey: string) => Promise<TransactionResponseDto>,
  ): Promise<TransactionResponseDto | null> {
    if (this.submitting()) return null;
    const key = this.keys.keyFor(request);
    this.result.set(null);
    return this.submission.run(async () => {
      try {
        const transaction = await send(request, key);
        this.keys.settle();
        this.result.set(transaction);
        return transaction;
      } catch (error) {
        this.keys.settle(error);
        throw error;
      }
    });
  }
}
