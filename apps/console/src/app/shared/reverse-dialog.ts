import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApprovalRequestDto, TransactionResponseDto } from '@wallet/sdk';

/** The reversal row, or, above the approval threshold, the request for another admin (docs/design.md §15). */
export type ReverseAnswer = TransactionResponseDto | ApprovalRequestDto;
import { firstValueFrom } from 'rxjs';
import { IdempotencyKeys } from '../money/idempotency-keys';
import { FormSubmission } from './form-submission';
import { errorText } from './forms';
import { signedAmount, TYPE_LABELS } from './labels';

export interface ReverseOptions {
  transaction: TransactionResponseDto;
  /** Sends the reversal with its reason and Idempotency-Key. */
  send: (reason: string, idempotencyKey: string) => Promise<ReverseAnswer>;
}

/**
 * An admin's reversal of one row (docs/design.md §13), behind its own confirmation: what will
 * happen, a reason the owners will read, and the "Reverse" button. The request is sent from here,
 * so a refusal (already reversed, not enough money) is shown where it was asked for, and a retry
 * after a lost answer reuses the Idempotency-Key (docs/design.md §3).
 */
@Component({
  selector: 'app-reverse-dialog',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  template: `
    <h2 mat-dialog-title>Reverse this {{ what }}?</h2>
    <form [formGroup]="form" (ngSubmit)="reverse()">
      <mat-dialog-content>
        <p>
          {{ label }} of <span class="amount">{{ amount }}</span> on
          {{ data.transaction.createdAt | date: 'medium' }}. New reversal rows move the money back{{
            transfer ? ' on both wallets' : ''
          }}; the original stays in the history.
        </p>
        @if (submission.error(); as message) {
          <p class="message error" role="alert">{{ message }}</p>
        }
        <mat-form-field class="reason">
          <mat-label>Reason</mat-label>
          <textarea matInput formControlName="reason" rows="2" cdkFocusInitial required></textarea>
          <mat-hint>The owner{{ transfer ? 's' : '' }} will read it in their history and by email</mat-hint>
          <mat-error>{{ errorText(form.controls.reason, 'Reason') }}</mat-error>
        </mat-form-field>
        @if (submission.submitting()) {
          <mat-progress-bar mode="indeterminate" aria-label="Reversing" />
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" [mat-dialog-close]="null">Cancel</button>
        <button matButton="filled" type="submit" class="danger" [disabled]="submission.submitting()">
          Reverse
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      width: 100%;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReverseDialog {
  protected readonly data = inject<ReverseOptions>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReverseDialog, ReverseAnswer | null>>(MatDialogRef);
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.maxLength(500)]],
  });
  protected readonly submission = new FormSubmission(this.form, 'admin');
  private readonly keys = new IdempotencyKeys();
  protected readonly label = TYPE_LABELS[this.data.transaction.type] ?? 'Transaction';
  protected readonly what = this.label.toLowerCase();
  protected readonly amount = signedAmount(this.data.transaction);
  protected readonly transfer =
    this.data.transaction.type === 'transfer_out' || this.data.transaction.type === 'transfer_in';

  protected async reverse(): Promise<void> {
    const reason = this.form.getRawValue().reason.trim();
    if (!reason) this.form.controls.reason.setValue('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const key = this.keys.keyFor({ id: this.data.transaction.id, reason });
    const reversal = await this.submission.run(async () => {
      try {
        const done = await this.data.send(reason, key);
        this.keys.settle();
        return done;
      } catch (error) {
        this.keys.settle(error);
        throw error;
      }
    });
    if (reversal) this.ref.close(reversal);
  }
}

/** Opens the dialog; the reversal row (or its approval request) once done, null when cancelled. */
export async function reverseTransaction(
  dialog: MatDialog,
  options: ReverseOptions,
): Promise<ReverseAnswer | null> {
  const ref = dialog.open<ReverseDialog, ReverseOptions, ReverseAnswer | null>(ReverseDialog, {
    data: options,
    role: 'alertdialog',
    width: '480px',
  });
  return (await firstValueFrom(ref.afterClosed())) ?? null;
}
