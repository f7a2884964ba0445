import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { AuditAction, AuditLogEntryDto } from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { SessionService } from '../../session/session.service';

const ACTION_LABELS: Record<AuditAction, string> = {
  deposit: 'Deposit',
  freeze: 'Freeze',
  unfreeze: 'Unfreeze',
  activate: 'Activate',
  deactivate: 'Deactivate',
};

/** `/admin/audit-log`: every admin action, newest first. */
@Component({
  selector: 'app-audit-log-page',
  imports: [DatePipe, RouterLink, MatTableModule, MatPaginatorModule, MatProgressBarModule],
  template: `
    <div class="page">
      <h1>Audit log</h1>
      @if (error(); as message) {
        <p class="message error" role="alert">{{ message }}</p>
      }
      <div class="progress">
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the audit log" />
        }
      </div>
      <div class="table-wrap">
        <table mat-table [dataSource]="rows()" class="audit">
          <caption class="visually-hidden">
            Admin actions, newest first
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
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let entry; columns: columns"></tr>
          <tr class="mat-mdc-row" *matNoDataRow>
            <td class="mat-mdc-cell empty" [attr.colspan]="columns.length">
              {{ loading() ? 'Loading…' : 'No admin actions yet.' }}
            </td>
          </tr>
        </table>
      </div>
      <mat-paginator
        [length]="total()"
        [pageIndex]="pageIndex()"
        [pageSize]="pageSize()"
        [pageSizeOptions]="[10, 20, 50, 100]"
        (page)="onPage($event)"
        aria-label="Pages of the audit log"
      />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly columns = ['createdAt', 'admin', 'action', 'user', 'detail'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly rows = signal<AuditLogEntryDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  protected actionLabel(entry: AuditLogEntryDto): string {
    return ACTION_LABELS[entry.action] ?? entry.action;
  }

  ngOnInit(): void {
    void this.load();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const page = await this.api.admin.getAuditLog({ page: this.pageIndex() + 1, limit: this.pageSize() });
      this.rows.set(page.items);
      this.total.set(page.total);
      this.error.set(null);
    } catch (error) {
      if (!endsSession(error)) this.error.set(describeError(error, 'admin').message);
    } finally {
      this.loading.set(false);
    }
  }
}
