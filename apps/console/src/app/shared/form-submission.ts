import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { describeError, endsSession, type ErrorContext } from '../api/error-messages';
import { applyServerErrors } from './forms';

/**
 * The submit cycle of a form that sends one request at a time: `submitting` while it is out (the
 * page disables its button and shows progress), and a refusal in words in `error`, the API's
 * field errors shown under their fields. When a signed-in request answers that the session has
 * ended, the session's own handling takes the person to sign in, so no error is shown here; on
 * the pages that sign in (`signedIn: false`) every refusal is the form's own.
 */
export class FormSubmission {
  readonly submitting = signal(false);
  readonly error = signal<string | null>(null);

  constructor(
    private readonly form: FormGroup,
    private readonly context: ErrorContext,
    private readonly options: { signedIn: boolean } = { signedIn: true },
  ) {}

  /** Runs `action` unless one is already out: its answer, or null when it failed or did not run. */
  async run<T>(action: () => Promise<T>): Promise<T | null> {
    if (this.submitting()) return null;
    this.submitting.set(true);
    this.error.set(null);
    try {
      return await action();
    } catch (error) {
      if (!this.options.signedIn || !endsSession(error)) {
        const described = describeError(error, this.context);
        this.error.set([described.message, ...applyServerErrors(this.form, described.fieldErrors)].join(' '));
      }
      return null;
    } finally {
      this.submitting.set(false);
    }
  }
}
