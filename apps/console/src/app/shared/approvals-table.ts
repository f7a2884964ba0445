import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { ApprovalKind, ApprovalRequestDto, ApprovalStatus } from '@wallet/sdk';
import { formatCents } from '@wallet/shared';
import { describeError, endsSession } from '../api/error-messages';
import { SessionService } from '../session/session.service';
import { PagedRows } from './paged-rows';
import { PagedTable } from './paged-table';
import { TextColumn } from './text-column';

const KIND_LABELS: Record<ApprovalKind, string> = {
  deposit: 'Deposit',
  reversal: 'Reversal',
};

const STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
};

/**
 * Four-eyes requests (docs/design.md §15), newest first and paged: every one, those in one state, or
 * those on one user. Requests made by others can be approved or rejected (with a reason) here;
 * one's own only waits, as the API would refuse it (SELF_APPROVAL).
 */
@Component({
  selector: 'app-approvals-table',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    PagedTable,
    TextColumn,
  ],
  template: `
    @if (hasPending()) {
      <form class="form" [formGroup]="reasonForm" (ngSubmit)="$event.preventDefault()" novalidate>
        <mat-form-field>
          <mat-label>Reason for rejecting</mat-label>
          <input matInput formControlName="reason" autocomplete="off" />
          <mat-hint>Needed to reject a request; kept with it and in the audit log</mat-hint>
          @if (reasonForm.controls.reason.hasError('required')) {
            <mat-error>Enter why you reject the request.</mat-error>
          }
        </mat-form-field>
      </form>
    }
    <app-paged-table
      [list]="list"
      [error]="actionError()"
      [(pageIndex)]="pageIndex"
      [(pageSize)]="pageSize"
      loadingLabel="Loading approval requests"
      [pagesLabel]="'Pages of ' + caption()"
      [emptyText]="emptyText()"
      [columnCount]="columns().length"
    >
      <table mat-table [dataSource]="list.rows()">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <app-text-column name="createdAt" header="Requested" kind="date" />
        <app-text-column name="requestedByName" header="By" />
        <app-text-column name="kind" header="What" [value]="kindLabel" />
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef scope="col">User</th>
          <td mat-cell *matCellDef="let request">
            <a [routerLink]="['/admin/users', request.targetUserId]">{{ request.targetUserName }}</a>
          </td>
        </ng-container>
        <app-text-column name="amount" header="Amount" kind="amount" />
        <app-text-column name="status" header="Status" [value]="statusLabel" />
        <app-text-column name="decision" header="Decision" [value]="decisionText" />
        <ng-container matColumnDef="actions">
          <th mat-header-cell *matHeaderCellDef scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
          <td mat-cell *matCellDef="let request">
            @if (request.status === 'pending') {
              @if (request.requestedBy === me()) {
                <small>Another admin decides</small>
              } @else {
                <button
                  matButton="filled"
                  type="button"
                  [disabled]="acting() !== null"
                  (click)="approve(request)"
                  [attr.aria-label]="
                    'Approve the ' + amountOf(request) + ' ' + request.kind + ' for ' + request.targetUserName
                  "
                >
                  Approve
                </button>
                <button
                  matButton
                  type="button"
                  [disabled]="acting() !== null"
                  (click)="reject(request)"
                  [attr.aria-label]="
                    'Reject the ' + amountOf(request) + ' ' + request.kind + ' for ' + request.targetUserName
                  "
                >
                  Reject
                </button>
              }
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let request; columns: columns()"></tr>
      </table>
    </app-paged-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApprovalsTable {
  /** Only those on this user; everyone's when absent. */
  readonly targetUserId = input<string>();
  /** Only those in this state; all when absent. */
  readonly status = input<ApprovalStatus>();
  readonly caption = input('Approval requests, newest first');
  readonly initialPageSize = input(20);
  /** A request was decided here: the page refreshes what the decision changed. */
  readonly decided = output<ApprovalRequestDto>();

  private readonly session = inject(SessionService);
  private readonly api = this.session.api;
  private readonly snackBar = inject(MatSnackBar);
  protected readonly me = computed(() => this.session.user()?.id);
  protected readonly reasonForm = inject(NonNullableFormBuilder).group({
    reason: ['', Validators.maxLength(500)],
  });
  protected readonly columns = computed(() =>
    this.targetUserId()
      ? ['createdAt', 'requestedByName', 'kind', 'amount', 'status', 'decision', 'actions']
      : ['createdAt', 'requestedByName', 'kind', 'user', 'amount', 'status', 'decision', 'actions'],
  );
  protected readonly emptyText = computed(() =>
    this.status() === 'pending' ? 'Nothing waits for approval.' : 'No approval requests yet.',
  );
  protected readonly pageIndex = linkedSignal({
    source: () => [this.targetUserId(), this.status()],
    computation: () => 0,
  });
  protected readonly pageSize = linkedSignal(() => this.initialPageSize());
  protected readonly list = new PagedRows<ApprovalRequestDto>('admin');
  protected readonly acting = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly hasPending = computed(() => this.list.rows().some((row) => row.status === 'pending'));

  private readonly query = computed(() => ({
    page: this.pageIndex() + 1,
    limit: this.pageSize(),
    status: this.status(),
    targetUserId: this.targetUserId(),
  }));

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => void this.list.fetch(() => this.api.admin.listApprovals(query)));
    });
  }

  reload(): void {
    const query = this.query();
    void this.list.fetch(() => this.api.admin.listApprovals(query));
  }

  /** A reversal says why, as the owners will read it once it runs. */
  protected readonly kindLabel = (request: ApprovalRequestDto) =>
    request.requestReason
      ? `${KIND_LABELS[request.kind]}: ${request.requestReason}`
      : KIND_LABELS[request.kind];
  protected readonly statusLabel = (request: ApprovalRequestDto) => STATUS_LABELS[request.status];
  protected readonly decisionText = (request: ApprovalRequestDto) =>
    request.status === 'pending'
      ? ''
      : `${request.decidedByName ?? ''}${request.reason ? `: ${request.reason}` : ''}`;
  protected readonly amountOf = (request: ApprovalRequestDto) => formatCents(request.amount);

  protected approve(request: ApprovalRequestDto): Promise<void> {
    return this.decide(request, async () => {
      const transaction = await this.api.admin.approveRequest({ id: request.id });
      if (request.kind === 'reversal')
        return `Approved: the ${formatCents(request.amount)} reversal is done.`;
      return transaction.status === 'SUCCESS'
        ? `Approved: ${formatCents(transaction.amount)} deposited to ${request.targetUserName}.`
        : `Approved, but the deposit was refused (${transaction.failureReason}).`;
    });
  }

  protected reject(request: ApprovalRequestDto): Promise<void> {
    const control = this.reasonForm.controls.reason;
    const reason = control.value.trim();
    if (!reason || control.invalid) {
      control.setErrors({ required: true });
      control.markAsTouched();
      return Promise.resolve();
    }
    return this.decide(request, async () => {
      await this.api.admin.rejectRequest({ id: request.id, requestBody: { reason } });
      this.reasonForm.reset();
      return `Rejected the ${formatCents(request.amount)} ${request.kind} for ${request.targetUserName}.`;
    });
  }

  private async decide(request: ApprovalRequestDto, call: () => Promise<string>): Promise<void> {
    this.acting.set(request.id);
    this.actionError.set(null);
    try {
      const done = await call();
      this.snackBar.open(done, 'Close', { duration: 5000, politeness: 'polite' });
      this.decided.emit(request);
    } catch (error) {
      if (!endsSession(error)) this.actionError.set(describeError(error, 'admin').message);
      // A refused move (a wallet frozen since) still decided the request: the table shows it.
      this.decided.emit(request);
    } finally {
      this.acting.set(null);
      this.reload();
    }
  }
}
