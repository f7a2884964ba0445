import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { EmailDeliveryResponseDto, UndeliveredEmailStatus } from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { SessionService } from '../../session/session.service';
import { confirm } from '../../shared/confirm-dialog';
import { PagedRows } from '../../shared/paged-rows';
import { PagedTable } from '../../shared/paged-table';
import { TextColumn } from '../../shared/text-column';

const KIND_LABELS: Record<string, string> = {
  'transfer-received-email': 'Transfer received',
  'deposit-email': 'Deposit',
  'account-frozen-email': 'Account frozen',
  'account-unfrozen-email': 'Account unfrozen',
};

type Filter = UndeliveredEmailStatus | 'all';

/**
 * `/admin/emails`: mail the SMTP server has not accepted (docs/design.md §6). Pending emails are retried
 * by the worker until they go out; an admin can send one now, or give up on it; abandoned ones
 * (given up, or refused by the server) can be sent again.
 */
@Component({
  selector: 'app-admin-emails-page',
  imports: [DatePipe, MatButtonModule, MatButtonToggleModule, MatTableModule, PagedTable, TextColumn],
  template: `
    <div class="page">
      <h1>Undelivered emails</h1>
      <p>
        Pending emails are retried until the mail server accepts them. Resend tries one now; abandon stops
        retrying it.
      </p>
      <mat-button-toggle-group aria-label="Which emails" [value]="filter()" (change)="onFilter($event.value)">
        <mat-button-toggle value="all">All</mat-button-toggle>
        <mat-button-toggle value="pending">Pending</mat-button-toggle>
        <mat-button-toggle value="abandoned">Abandoned</mat-button-toggle>
      </mat-button-toggle-group>
      <app-paged-table
        [list]="list"
        [error]="actionError()"
        [(pageIndex)]="pageIndex"
        [(pageSize)]="pageSize"
        loadingLabel="Loading undelivered emails"
        pagesLabel="Pages of undelivered emails"
        emptyText="Every email has been delivered."
        [columnCount]="columns.length"
      >
        <table mat-table [dataSource]="list.rows()">
          <caption class="visually-hidden">
            Undelivered emails, oldest first
          </caption>
          <app-text-column name="createdAt" header="Written" kind="date" />
          <app-text-column name="recipient" header="To" />
          <app-text-column name="kind" header="Email" [value]="kindLabel" />
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
            <td mat-cell *matCellDef="let email">
              {{ email.status === 'pending' ? 'Pending' : 'Abandoned' }}
              @if (email.status === 'pending') {
                <br /><small>next try {{ email.nextAttemptAt | date: 'mediumTime' }}</small>
              }
            </td>
          </ng-container>
          <app-text-column name="attempts" header="Attempts" />
          <app-text-column name="lastError" header="Last error" />
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let email">
              <button
                matButton
                type="button"
                [disabled]="acting() === email.id"
                (click)="resend(email)"
                [attr.aria-label]="'Resend the email to ' + email.recipient"
              >
                Resend
              </button>
              @if (email.status === 'pending') {
                <button
                  matButton
                  type="button"
                  [disabled]="acting() === email.id"
                  (click)="abandon(email)"
                  [attr.aria-label]="'Abandon the email to ' + email.recipient"
                >
                  Abandon
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let email; columns: columns"></tr>
        </table>
      </app-paged-table>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminEmailsPage {
  private readonly api = inject(SessionService).api;
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly columns = [
    'createdAt',
    'recipient',
    'kind',
    'status',
    'attempts',
    'lastError',
    'actions',
  ];
  protected readonly filter = signal<Filter>('all');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly list = new PagedRows<EmailDeliveryResponseDto>('admin');
  protected readonly acting = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  private readonly query = computed(() => {
    const filter = this.filter();
    return {
      page: this.pageIndex() + 1,
      limit: this.pageSize(),
      status: filter === 'all' ? undefined : filter,
    };
  });

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.reload(query));
    });
  }

  protected readonly kindLabel = (email: EmailDeliveryResponseDto) => KIND_LABELS[email.kind] ?? email.kind;

  protected onFilter(filter: Filter): void {
    this.filter.set(filter);
    this.pageIndex.set(0);
  }

  protected resend(email: EmailDeliveryResponseDto): Promise<void> {
    return this.act(
      email,
      () => this.api.admin.resendEmail({ id: email.id }),
      'Email queued to be sent again.',
    );
  }

  protected async abandon(email: EmailDeliveryResponseDto): Promise<void> {
    const sure = await confirm(this.dialog, {
      title: 'Abandon this email?',
      message: `It will no longer be retried and ${email.recipient} will not receive it, unless it is resent.`,
      confirm: 'Abandon',
    });
    if (!sure) return;
    await this.act(email, () => this.api.admin.abandonEmail({ id: email.id }), 'Email abandoned.');
  }

  private async act(
    email: EmailDeliveryResponseDto,
    call: () => Promise<EmailDeliveryResponseDto>,
    done: string,
  ): Promise<void> {
    this.acting.set(email.id);
    this.actionError.set(null);
    try {
      await call();
      this.snackBar.open(done, 'Close', { duration: 5000, politeness: 'polite' });
    } catch (error) {
      if (!endsSession(error)) this.actionError.set(describeError(error, 'admin').message);
    } finally {
      this.acting.set(null);
      this.reload(this.query());
    }
  }

  private reload(query: { page: number; limit: number; status?: UndeliveredEmailStatus }): void {
    void this.list.fetch(() => this.api.admin.listUndeliveredEmails(query));
  }
}
