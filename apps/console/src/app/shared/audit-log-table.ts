import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  untracked,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AuditAction, AuditLogEntryDto } from '@wallet/sdk';
import { SessionService } from '../session/session.service';
import { PagedRows } from './paged-rows';
import { PagedTable } from './paged-table';
import { TextColumn } from './text-column';

const ACTION_LABELS: Record<AuditAction, string> = {
  deposit: 'Deposit',
  freeze: 'Freeze',
  unfreeze: 'Unfreeze',
  activate: 'Activate',
  deactivate: 'Deactivate',
  reverse: 'Reverse',
  totp_enabled: 'Two-step sign-in on',
  totp_reset: 'Two-step sign-in reset',
  approval_requested: 'Deposit requested',
  approval_approved: 'Request approved',
  approval_rejected: 'Request rejected',
};

/** Admin actions, newest first and paged: all of them, or those on one user. */
@Component({
  selector: 'app-audit-log-table',
  imports: [RouterLink, MatTableModule, PagedTable, TextColumn],
  template: `
    <app-paged-table
      [list]="list"
      [(pageIndex)]="pageIndex"
      [(pageSize)]="pageSize"
      loadingLabel="Loading the audit log"
      [pagesLabel]="'Pages of ' + caption()"
      emptyText="No admin actions yet."
      [columnCount]="columns().length"
    >
      <table mat-table [dataSource]="list.rows()">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <app-text-column name="createdAt" header="When" kind="date" />
        <app-text-column name="admin" header="Admin" [value]="adminName" />
        <app-text-column name="action" header="Action" [value]="actionLabel" />
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef scope="col">User</th>
          <td mat-cell *matCellDef="let entry">
            <a [routerLink]="['/admin/users', entry.targetUserId]">{{ entry.targetUserName }}</a>
          </td>
        </ng-container>
        <app-text-column name="detail" header="Detail" />
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let entry; columns: columns()"></tr>
      </table>
    </app-paged-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogTable {
  /** Only the actions on this user; every action when absent. */
  readonly targetUserId = input<string>();
  /** Names the table for assistive technology. */
  readonly caption = input('Admin actions, newest first');
  /** Rows per page to start with. */
  readonly initialPageSize = input(20);

  private readonly api = inject(SessionService).api;
  /** The user column says whom each action was on: redundant when the table is about one user. */
  protected readonly columns = computed(() =>
    this.targetUserId()
      ? ['createdAt', 'admin', 'action', 'detail']
      : ['createdAt', 'admin', 'action', 'user', 'detail'],
  );
  /** Back to the first page when the table turns to another user. */
  protected readonly pageIndex = linkedSignal({ source: this.targetUserId, computation: () => 0 });
  protected readonly pageSize = linkedSignal(() => this.initialPageSize());
  protected readonly list = new PagedRows<AuditLogEntryDto>('admin');

  private readonly query = computed(() => ({
    page: this.pageIndex() + 1,
    limit: this.pageSize(),
    targetUserId: this.targetUserId(),
  }));

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => void this.list.fetch(() => this.api.admin.getAuditLog(query)));
    });
  }

  /** Shows the latest actions again (after one was taken), staying on the current page. */
  reload(): void {
    const query = this.query();
    void this.list.fetch(() => this.api.admin.getAuditLog(query));
  }

  protected readonly actionLabel = (entry: AuditLogEntryDto) => ACTION_LABELS[entry.action] ?? entry.action;
  protected readonly adminName = (entry: AuditLogEntryDto) => entry.adminName;
}
