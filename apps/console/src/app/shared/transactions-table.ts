import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type {
  TransactionPageDto,
  TransactionResponseDto,
  TransactionStatus,
  TransactionType,
} from '@wallet/sdk';
import { failureReasonText } from '../api/error-messages';
import { daysInOrder, endOfDay, startOfDay } from './date-range';
import { signedAmount, STATUS_LABELS, TYPE_LABELS } from './labels';
import { PagedRows } from './paged-rows';
import { PagedTable } from './paged-table';
import { TextColumn } from './text-column';

export interface HistoryQuery {
  page: number;
  limit: number;
  type?: TransactionType;
  status?: TransactionStatus;
  /** ISO instants of the half-open range [from, to) (docs/design.md §13). */
  from?: string;
  to?: string;
}

/**
 * A paged history with Type, Status and date filters, for a user's own page and an admin's view.
 * A reversal and the row it undoes link to each other (docs/design.md §13); given `reverse`, each
 * row that can be reversed has a "Reverse" button (an admin's view).
 */
@Component({
  selector: 'app-transactions-table',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    PagedTable,
    TextColumn,
  ],
  templateUrl: './transactions-table.html',
  styleUrl: './transactions-table.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransactionsTable {
  /** Fetches one page; a new function (e.g. another user) starts again from page 1. */
  readonly load = input.required<(query: HistoryQuery) => Promise<TransactionPageDto>>();
  /** Names the table for assistive technology. */
  readonly caption = input('Transactions');
  /** An admin's reversal of a row; the table reloads once it resolves. */
  readonly reverse = input<(row: TransactionResponseDto) => Promise<unknown>>();

  protected readonly columns = computed(() => [
    'createdAt',
    'type',
    'amount',
    'status',
    'counterparty',
    'balanceAfter',
    'reason',
    'memo',
    'link',
    ...(this.reverse() ? ['actions'] : []),
  ]);
  protected readonly typeOptions = Object.entries(TYPE_LABELS) as [TransactionType, string][];
  protected readonly statusOptions = Object.entries(STATUS_LABELS) as [TransactionStatus, string][];
  protected readonly signedAmount = signedAmount;
  protected readonly failureReason = (row: TransactionResponseDto) => failureReasonText(row.failureReason);
  protected readonly counterparty = (row: TransactionResponseDto) => row.counterpartyName ?? '—';
  protected readonly memo = (row: TransactionResponseDto) => row.memo ?? '';
  /** The first characters of an id, enough to tell rows apart on a page. */
  protected readonly shortId = (id: string) => id.slice(-8);

  protected readonly type = signal<TransactionType | ''>('');
  protected readonly status = signal<TransactionStatus | ''>('');
  /** Days (`YYYY-MM-DD`), both included; empty for no bound. */
  protected readonly fromDay = signal('');
  protected readonly toDay = signal('');
  protected readonly rangeError = computed(() =>
    daysInOrder(this.fromDay(), this.toDay()) ? null : '“To” is before “From”: no day is in between.',
  );
  /** The row a link jumped to, shown highlighted. */
  protected readonly highlighted = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  /** Back to the first page when the table is given another source (another user, say). */
  protected readonly pageIndex = linkedSignal({ source: this.load, computation: () => 0 });
  protected readonly pageSize = signal(10);
  protected readonly list = new PagedRows<TransactionResponseDto>();

  private readonly query = computed<HistoryQuery>(() => ({
    page: this.pageIndex() + 1,
    limit: this.pageSize(),
    type: this.type() || undefined,
    status: this.status() || undefined,
    from: startOfDay(this.fromDay()),
    to: endOfDay(this.toDay()),
  }));

  constructor() {
    effect(() => {
      const [load, query] = [this.load(), this.query()];
      if (this.rangeError()) return;
      untracked(() => void this.list.fetch(() => load(query)));
    });
  }

  /** Whether an admin can reverse the row: a SUCCESS move that is not a reversal, not yet reversed. */
  protected reversible(row: TransactionResponseDto): boolean {
    return row.status === 'SUCCESS' && row.type !== 'reversal' && !row.reversedById;
  }

  protected async reverseRow(row: TransactionResponseDto): Promise<void> {
    const reverse = this.reverse();
    if (!reverse) return;
    await reverse(row);
    this.reload();
  }

  /** Moves to the linked row when it is on this page, and says so when it is not. */
  protected jump(event: Event, id: string): void {
    event.preventDefault();
    const target = document.getElementById(`tx-${id}`);
    if (!target) {
      this.notice.set('The linked transaction is not on this page: change the page or the filters.');
      return;
    }
    this.notice.set(null);
    this.highlighted.set(id);
    target.scrollIntoView({ block: 'center' });
    target.focus();
  }

  /** Shows the latest rows again (after a deposit, say), staying on the current page and filters. */
  reload(): void {
    const [load, query] = [this.load(), this.query()];
    void this.list.fetch(() => load(query));
  }

  protected readonly typeLabel = (row: TransactionResponseDto) => TYPE_LABELS[row.type] ?? row.type;

  protected statusLabel(row: TransactionResponseDto): string {
    return STATUS_LABELS[row.status] ?? row.status;
  }

  protected setType(type: TransactionType | ''): void {
    this.type.set(type);
    this.pageIndex.set(0);
  }

  protected setStatus(status: TransactionStatus | ''): void {
    this.status.set(status);
    this.pageIndex.set(0);
  }

  protected setFrom(day: string): void {
    this.fromDay.set(day ?? '');
    this.pageIndex.set(0);
  }

  protected setTo(day: string): void {
    this.toDay.set(day ?? '');
    this.pageIndex.set(0);
  }
}
