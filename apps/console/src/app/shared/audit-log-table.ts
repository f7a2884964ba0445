import { DatePipe } from '@angular/common';
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
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AuditAction, AuditLogEntryDto } from '@wallet/sdk';
import { SessionService } from '../session/session.service';
import { PagedRows } from './paged-rows';

const ACTION_LABELS: Record<AuditAction, string> = {
  deposit: 'Deposit',
  freeze: 'Freeze',
  unfreeze: 'Unfreeze',
  activate: 'Activate',
  deactivate: 'Deactivate',
  reverse: 'Reverse',
};

/** Admin actions, newest first and paged: all of them, or those on one user. */
@Component({
  selector: 'app-audit-log-table',
  imports: [DatePipe, RouterLink, MatTableModule, MatPaginatorModule, MatProgressBarModule],
  template: `
    @if (list.error(); as message) {
      <p class="message error" role="alert">{{ message }}</p>
    }
    <div class="progress">
      @if (list.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading the audit log" />
      }
    </div>
    <div class="table-wrap">
      <table mat-table [dataSource]="list.rows()">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <ng-container matColumnDef="createdAt">
          <th mat-header-cell *matHeaderCellDef scope="col">When</th>
          <td mat-cell *matCellDef="let entry">{{ entry.createdAt | date: 'medium' }}</td>
        </ng-container>
        <ng-container matColumnDef="admin">
          <th mat-header-cell *matHeaderCellDef scope="col">Admin</th>
          <td mat-cell *matCellDef="let entry">{{ entry.adminName }}</td>
        </ng-container>
        <ng-container matColumnDef="action">
          <th mat-header-cell *matHeaderCellDef scope="col">Action</th>
          <td mat-cell *matCellDef="let entry">{{ actionLabel(entry) }}</td>
        </ng-container>
        <ng-container matColumnDef="user">
          <th mat-header-cell *matHeaderCellDef scope="col">User</th>
          <td mat-cell *matCellDef="let entry">
            <a [routerLink]="['/admin/users', entry.targetUserId]">{{ entry.targetUserName }}</a>
          </td>
        </ng-container>
        <ng-container matColumnDef="detail">
          <th mat-header-cell *matHeaderCellDef scope="col">Detail</th>
          <td mat-cell *matCellDef="let entry">{{ entry.detail ?? '' }}</td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let entry; columns: columns()"></tr>
        <tr class="mat-mdc-row" *matNoDataRow>
          <td class="mat-mdc-cell empty" [attr.colspan]="columns().length">
            {{ list.loading() ? 'Loading…' : 'No admin actions yet.' }}
          </td>
        </tr>
      </table>
    </div>
    <mat-paginator
      [length]="list.total()"
      [pageIndex]="pageIndex()"
      [pageSize]="pageSize()"
      [pageSizeOptions]="[10, 20, 50, 100]"
      (page)="onPage($event)"
      [attr.aria-label]="'Pages of ' + caption()"
    />
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

  protected actionLabel(entry: AuditLogEntryDto): string {
    return ACTION_LABELS[entry.action] ?? entry.action;
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }
}
