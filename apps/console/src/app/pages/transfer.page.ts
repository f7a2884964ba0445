import { ChangeDetectionStrategy, Component, OnInit, inject, signal, viewChild } from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { WalletResponseDto } from '@wallet/sdk';
import { describeError, endsSession } from '../api/error-messages';
import { amountValidator, centsOf } from '../money/amount';
import { MoneyFormState } from '../money/money-form';
import { MoneyPipe } from '../money/money.pipe';
import { SessionService } from '../session/session.service';
import { errorText } from '../shared/forms';

/** `/transfer`: send money to another user by their email. */
@Component({
  selector: 'app-transfer-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    MoneyPipe,
  ],
  templateUrl: './transfer.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly errorText = errorText;
  private readonly formDirective = viewChild.required(FormGroupDirective);
  protected readonly wallet = signal<WalletResponseDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    recipientEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    amount: ['', amountValidator],
  });
  protected readonly money = new MoneyFormState<{ recipientEmail: string; amount: number }>(
    this.form,
    'transfer',
  );
  /** Who the last successful transfer went to, for its confirmation. */
  protected readonly sentTo = signal('');

  ngOnInit(): void {
    void this.loadWallet();
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { recipientEmail, amount } = this.form.getRawValue();
    const request = { recipientEmail: recipientEmail.trim().toLowerCase(), amount: centsOf(amount) };
    const done = await this.money.submit(request, (requestBody, idempotencyKey) =>
      this.api.wallet.transfer({ idempotencyKey, requestBody }),
    );
    if (done) {
      this.sentTo.set(done.counterpartyName ?? request.recipientEmail);
      this.formDirective().resetForm();
    }
    await this.loadWallet();
  }

  private async loadWallet(): Promise<void> {
    try {
      this.wallet.set(await this.api.wallet.getWallet());
      this.loadError.set(null);
    } catch (error) {
      if (!endsSession(error)) this.loadError.set(describeError(error).message);
    }
  }
}
