import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import type { TransactionResponseDto } from '@wallet/sdk';
import { describeError, endsSession, ErrorContext } from '../api/error-messages';
import { applyServerErrors } from '../shared/forms';
import { IdempotencyKeys } from './idempotency-keys';

/**
 * The submit cycle every money form shares (withdraw, transfer, deposit): one request at a time
 * (the button is disabled meanwhile), an Idempotency-Key per submission that a retry of the same
 * submission reuses (docs/design.md §3), and the outcome in words.
 */
export class MoneyFormState<Request> {
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);
  readonly result = signal<TransactionResponseDto | null>(null);
  private readonly keys = new IdempotencyKeys();

  constructor(
    private readonly form: FormGroup,
    private readonly context: ErrorContext,
  ) {}

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
    this.submitting.set(true);
    this.error.set(null);
    this.result.set(null);
    try {
      const transaction = await send(request, key);
      this.keys.settle();
      this.result.set(transaction);
      return transaction;
    } catch (error) {
      this.keys.settle(error);
      if (!endsSession(error)) {
        const described = describeError(error, this.context);
        this.error.set([described.message, ...applyServerErrors(this.form, described.fieldErrors)].join(' '));
      }
      return null;
    } finally {
      this.submitting.set(false);
    }
  }
}
