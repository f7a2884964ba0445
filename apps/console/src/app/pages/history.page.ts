import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionService } from '../session/session.service';
import { HistoryQuery, TransactionsTable } from '../shared/transactions-table';

/** `/history`: the signed-in user's transactions, newest first. */
@Component({
  selector: 'app-history-page',
  imports: [TransactionsTable],
  template: `
    <div class="page">
      <h1>History</h1>
      <app-transactions-table [load]="load" caption="Your transactions, newest first" />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage {
  private readonly api = inject(SessionService).api;
  protected readonly load = (query: HistoryQuery) => this.api.wallet.getTransactions(query);
}
