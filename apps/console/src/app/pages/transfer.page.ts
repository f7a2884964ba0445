import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { amountValidator, centsOf } from '../money/amount';
import { MoneyFormState } from '../money/money-form';
import { MoneyDone, MoneyForm } from '../money/money-form.component';
import { MoneyPipe } from '../money/money.pipe';
import { WalletState } from '../money/wallet-state';
import { SessionService } from '../session/session.service';
import { errorText } from '../shared/forms';

/** `/transfer`: send money to another user by their email. */
@Component({
  selector: 'app-transfer-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MoneyForm, MoneyDone, MoneyPipe],
  templateUrl: './transfer.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly errorText = errorText;
  protected readonly wallet = new WalletState(() => this.api.wallet.getWallet());
  protected readonly form = inject(NonNullableFormBuilder).group({
    recipientEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    amount: ['', amountValidator],
    // docs/design.md §13: optional, on both rows and in the recipient's email.
    memo: ['', Validators.maxLength(140)],
  });
  protected readonly money = new MoneyFormState<{ recipientEmail: string; amount: number; memo?: string }>(
    this.form,
    'transfer',
  );
  /** Who the last successful transfer went to, for its confirmation. */
  protected readonly sentTo = signal('');

  protected readonly send = async () => {
    const { recipientEmail, amount, memo } = this.form.getRawValue();
    const request = {
      recipientEmail: recipientEmail.trim().toLowerCase(),
      amount: centsOf(amount),
      ...(memo.trim() ? { memo: memo.trim() } : {}),
    };
    const done = await this.money.submit(request, (requestBody, idempotencyKey) =>
      this.api.wallet.transfer({ idempotencyKey, requestBody }),
    );
    if (done) this.sentTo.set(done.counterpartyName ?? request.recipientEmail);
    return done;
  };

  ngOnInit(): void {
    void this.wallet.load();
  }
}
