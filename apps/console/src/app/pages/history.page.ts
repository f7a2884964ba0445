import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { SessionService } from '../session/session.service';
import { StatementDownload } from '../shared/statement-download';
import { HistoryQuery, TransactionsTable } from '../shared/transactions-table';

/** `/history`: the signed-in user's transactions, newest first, and their statement as a file. */
@Component({
  selector: 'app-history-page',
  imports: [TransactionsTable, StatementDownload],
  template: `
    <div class="page">
      <h1>History</h1>
      <app-transactions-table [load]="load" caption="Your transactions, newest first" />
      <section aria-labelledby="statement-heading">
        <h2 id="statement-heading">Statement</h2>
        <app-statement-download [fetch]="statement" />
      </section>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HistoryPage {
  private readonly api = inject(SessionService).api;
  protected readonly load = (query: HistoryQuery) => this.api.wallet.getTransactions(query);
  protected readonly statement = (from: string, to: string) => this.api.wallet.getStatementCsv({ from, to });
}
