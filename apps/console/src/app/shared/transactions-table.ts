import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type {
  TransactionPageDto,
  TransactionResponseDto,
  TransactionStatus,
  TransactionType,
} from '@wallet/sdk';
import { describeError, endsSession, failureReasonText } from '../api/error-messages';
import { MoneyPipe } from '../money/money.pipe';
import { signedAmount, STATUS_LABELS, TYPE_LABELS } from './labels';

export interface HistoryQuery {
  page: number;
  limit: number;
  type?: TransactionType;
  status?: TransactionStatus;
}

/** A paged history with Type and Status filters, for a user's own page and an admin's view. */
@Component({
  selector: 'app-transactions-table',
  imports: [
    DatePipe,
    FormsModule,
    MatFormFieldModule,
    MatSelectModule,
    MatTableModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MoneyPipe,
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

  protected readonly columns = [
    'createdAt',
    'type',
    'amount',
    'status',
    'counterparty',
    'balanceAfter',
    'reason',
  ];
  protected readonly typeOptions = Object.entries(TYPE_LABELS) as [TransactionType, string][];
  protected readonly statusOptions = Object.entries(STATUS_LABELS) as [TransactionStatus, string][];
  protected readonly signedAmount = signedAmount;
  protected readonly failureReasonText = failureReasonText;

  protected readonly type = signal<TransactionType | ''>('');
  protected readonly status = signal<TransactionStatus | ''>('');
  /** Back to the first page when the table is given another source (another user, say). */
  protected readonly pageIndex = linkedSignal({ source: this.load, computation: () => 0 });
  protected readonly pageSize = signal(10);
  protected readonly rows = signal<TransactionResponseDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private request = 0;

  constructor() {
    effect(() => {
      const query: HistoryQuery = {
        page: this.pageIndex() + 1,
        limit: this.pageSize(),
        type: this.type() || undefined,
        status: this.status() || undefined,
      };
      const load = this.load();
      untracked(() => void this.fetch(load, query));
    });
  }

  /** Shows the latest rows again (after a deposit, say), staying on the current page and filters. */
  reload(): void {
    void this.fetch(this.load(), {
      page: this.pageIndex() + 1,
      limit: this.pageSize(),
      type: this.type() || undefined,
      status: this.status() || undefined,
    });
  }

  protected typeLabel(row: TransactionResponseDto): string {
    return TYPE_LABELS[row.type] ?? row.type;
  }

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

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  private async fetch(load: (query: HistoryQuery) => Promise<TransactionPageDto>, query: HistoryQuery) {
    const request = ++this.request;
    this.loading.set(true);
    try {
      const page = await load(query);
      if (request !== this.request) return; // a newer query answered first
      this.rows.set(page.items);
      this.total.set(page.total);
      this.error.set(null);
    } catch (error) {
      if (request === this.request && !endsSession(error)) this.error.set(describeError(error).message);
    } finally {
      if (request === this.request) this.loading.set(false);
    }
  }
}
