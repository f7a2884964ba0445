import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type {
  WebhookDeliveryResponseDto,
  WebhookDeliveryStatus,
  WebhookEndpointResponseDto,
} from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { SessionService } from '../../session/session.service';
import { PagedRows } from '../../shared/paged-rows';
import { PagedTable } from '../../shared/paged-table';
import { TextColumn } from '../../shared/text-column';
import { eventLabel, eventsLabel } from './webhook-labels';

type Filter = WebhookDeliveryStatus | 'all';

const STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed',
};

/**
 * `/admin/webhooks/:id`: one endpoint's delivery log (docs/design.md §14), newest first: each event,
 * its attempts, the last answer or error, and when a pending one is tried next. Retry sends a
 * delivery again now, whatever its status, under the same `webhook-id`.
 */
@Component({
  selector: 'app-admin-webhook-deliveries-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatTableModule,
    PagedTable,
    TextColumn,
  ],
  template: `
    <div class="page">
      <p><a routerLink="/admin/webhooks">All webhooks</a></p>
      <h1>Webhook deliveries</h1>
      @if (endpointError(); as message) {
        <p class="message error" role="alert">{{ message }}</p>
      }
      @if (endpoint(); as endpoint) {
        <p data-testid="webhook-endpoint">
          {{ endpoint.url }} · {{ eventsLabel(endpoint.events) }} ·
          {{ endpoint.enabled ? 'Enabled' : 'Disabled' }}
        </p>
      }
      <mat-button-toggle-group
        aria-label="Which deliveries"
        [value]="filter()"
        (change)="onFilter($event.value)"
      >
        <mat-button-toggle value="all">All</mat-button-toggle>
        <mat-button-toggle value="pending">Pending</mat-button-toggle>
        <mat-button-toggle value="failed">Failed</mat-button-toggle>
        <mat-button-toggle value="succeeded">Delivered</mat-button-toggle>
      </mat-button-toggle-group>
      <app-paged-table
        [list]="list"
        [error]="actionError()"
        [(pageIndex)]="pageIndex"
        [(pageSize)]="pageSize"
        loadingLabel="Loading webhook deliveries"
        pagesLabel="Pages of webhook deliveries"
        emptyText="Nothing has been delivered to this endpoint yet."
        [columnCount]="columns.length"
      >
        <table mat-table [dataSource]="list.rows()">
          <caption class="visually-hidden">
            Deliveries to this endpoint, newest first
          </caption>
          <app-text-column name="createdAt" header="Event" kind="date" />
          <app-text-column name="eventType" header="Type" [value]="typeOf" />
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef scope="col">Status</th>
            <td mat-cell *matCellDef="let delivery">
              {{ statusLabel(delivery) }}
              @if (delivery.status === 'pending') {
                <br /><small>next try {{ delivery.nextAttemptAt | date: 'medium' }}</small>
              }
            </td>
          </ng-container>
          <app-text-column name="attempt" header="Attempts" />
          <app-text-column name="responseStatus" header="Answer" />
          <app-text-column name="error" header="Last error" />
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let delivery">
              <button
                matButton
                type="button"
                [disabled]="acting() === delivery.id"
                (click)="retry(delivery)"
                [attr.aria-label]="'Retry the delivery ' + delivery.id"
              >
                Retry
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let delivery; columns: columns"></tr>
        </table>
      </app-paged-table>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminWebhookDeliveriesPage {
  /** The endpoint's id, from the route. */
  readonly id = input.required<string>();
  private readonly api = inject(SessionService).api;
  private readonly snackBar = inject(MatSnackBar);
  protected readonly eventsLabel = eventsLabel;

  protected readonly columns = [
    'createdAt',
    'eventType',
    'status',
    'attempt',
    'responseStatus',
    'error',
    'actions',
  ];
  protected readonly filter = signal<Filter>('all');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly list = new PagedRows<WebhookDeliveryResponseDto>('admin');
  protected readonly endpoint = signal<WebhookEndpointResponseDto | null>(null);
  protected readonly endpointError = signal<string | null>(null);
  protected readonly acting = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);

  private readonly query = computed(() => {
    const filter = this.filter();
    return {
      id: this.id(),
      page: this.pageIndex() + 1,
      limit: this.pageSize(),
      status: filter === 'all' ? undefined : filter,
    };
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.loadEndpoint(id));
    });
    effect(() => {
      const query = this.query();
      untracked(() => this.reload(query));
    });
  }

  protected readonly typeOf = (delivery: WebhookDeliveryResponseDto) => eventLabel(delivery.eventType);
  protected statusLabel(delivery: WebhookDeliveryResponseDto): string {
    return STATUS_LABELS[delivery.status];
  }

  protected onFilter(filter: Filter): void {
    this.filter.set(filter);
    this.pageIndex.set(0);
  }

  protected async retry(delivery: WebhookDeliveryResponseDto): Promise<void> {
    this.acting.set(delivery.id);
    this.actionError.set(null);
    try {
      await this.api.admin.retryWebhookDelivery({ id: delivery.id });
      this.snackBar.open('Delivery queued to be sent again.', 'Close', {
        duration: 5000,
        politeness: 'polite',
      });
    } catch (error) {
      if (!endsSession(error)) this.actionError.set(describeError(error, 'admin').message);
    } finally {
      this.acting.set(null);
      this.reload(this.query());
    }
  }

  private async loadEndpoint(id: string): Promise<void> {
    try {
      this.endpoint.set(await this.api.admin.getWebhookEndpoint({ id }));
      this.endpointError.set(null);
    } catch (error) {
      if (!endsSession(error)) this.endpointError.set(describeError(error, 'admin').message);
    }
  }

  private reload(query: { id: string; page: number; limit: number; status?: WebhookDeliveryStatus }): void {
    void this.list.fetch(() => this.api.admin.listWebhookDeliveries(query));
  }
}
