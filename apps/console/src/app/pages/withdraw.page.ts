import { ChangeDetectionStrategy, Component, OnInit, inject } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { amountValidator, centsOf } from '../money/amount';
import { MoneyFormState } from '../money/money-form';
import { MoneyDone, MoneyForm } from '../money/money-form.component';
import { MoneyPipe } from '../money/money.pipe';
import { WalletState } from '../money/wallet-state';
import { SessionService } from '../session/session.service';

/** `/withdraw`: take money out of the wallet. */
@Component({
  selector: 'app-withdraw-page',
  imports: [MoneyForm, MoneyDone, MoneyPipe],
  templateUrl: './withdraw.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WithdrawPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly wallet = new WalletState(() => this.api.wallet.getWallet());
  protected readonly form = inject(NonNullableFormBuilder).group({ amount: ['', amountValidator] });
  protected readonly money = new MoneyFormState<{ amount: number }>(this.form, 'withdraw');

  protected readonly send = () =>
    this.money.submit({ amount: centsOf(this.form.getRawValue().amount) }, (requestBody, idempotencyKey) =>
      this.api.wallet.withdraw({ idempotencyKey, requestBody }),
    );

  ngOnInit(): void {
    void this.wallet.load();
  }
}
