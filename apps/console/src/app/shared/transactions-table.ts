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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type {
  TransactionPageDto,
  TransactionResponseDto,
  TransactionStatus,
  TransactionType,
} from '@wallet/sdk';
import { failureReasonText } from '../api/error-messages';
import { signedAmount, STATUS_LABELS, TYPE_LABELS } from './labels';
import { PagedRows } from './paged-rows';
import { PagedTable } from './paged-table';
import { TextColumn } from './text-column';

export interface HistoryQuery {
  page: number;
  limit: number;
  type?: TransactionType;
  status?: TransactionStatus;
}

/** A paged history with Type and Status filters, for a user's own page and an admin's view. */
@Component({
  selector: 'app-transactions-table',
  imports: [FormsModule, MatFormFieldModule, MatSelectModule, MatTableModule, PagedTable, TextColumn],
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
  protected readonly failureReason = (row: TransactionResponseDto) => failureReasonText(row.failureReason);
  protected readonly counterparty = (row: TransactionResponseDto) => row.counterpartyName ?? '—';

  protected readonly type = signal<TransactionType | ''>('');
  protected readonly status = signal<TransactionStatus | ''>('');
  /** Back to the first page when the table is given another source (another user, say). */
  protected readonly pageIndex = linkedSignal({ source: this.load, computation: () => 0 });
  protected readonly pageSize = signal(10);
  protected readonly list = new PagedRows<TransactionResponseDto>();

  private readonly query = computed<HistoryQuery>(() => ({
    page: this.pageIndex() + 1,
    limit: this.pageSize(),
    type: this.type() || undefined,
    status: this.status() || undefined,
  }));

  constructor() {
    effect(() => {
      const [load, query] = [this.load(), this.query()];
      untracked(() => void this.list.fetch(() => load(query)));
    });
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
}
