import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import type { ApprovalStatus } from '@wallet/sdk';
import { ApprovalsTable } from '../../shared/approvals-table';

type Filter = ApprovalStatus | 'all';

/**
 * `/admin/approvals`: four eyes (docs/design.md §15). Deposits above the approval threshold wait here
 * until an administrator other than the one who asked approves or rejects them.
 */
@Component({
  selector: 'app-admin-approvals-page',
  imports: [MatButtonToggleModule, ApprovalsTable],
  template: `
    <div class="page">
      <h1>Approvals</h1>
      <p>
        A deposit above the approval threshold is only requested: it moves money once another administrator
        approves it. You decide the requests of others; yours wait for someone else.
      </p>
      <mat-button-toggle-group
        aria-label="Which requests"
        [value]="filter()"
        (change)="filter.set($event.value)"
      >
        <mat-button-toggle value="pending">Waiting</mat-button-toggle>
        <mat-button-toggle value="approved">Approved</mat-button-toggle>
        <mat-button-toggle value="rejected">Rejected</mat-button-toggle>
        <mat-button-toggle value="all">All</mat-button-toggle>
      </mat-button-toggle-group>
      <app-approvals-table
        [status]="filter() === 'all' ? undefined : $any(filter())"
        [caption]="'Approval requests, newest first'"
      />
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminApprovalsPage {
  protected readonly filter = signal<Filter>('pending');
}
