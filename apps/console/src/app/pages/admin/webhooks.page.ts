import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type {
  CreateWebhookEndpointRequestDto,
  WebhookEndpointResponseDto,
  WebhookEndpointWithSecretResponseDto,
} from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { SessionService } from '../../session/session.service';
import { confirm } from '../../shared/confirm-dialog';
import { FormSubmission } from '../../shared/form-submission';
import { errorText } from '../../shared/forms';
import { PagedRows } from '../../shared/paged-rows';
import { PagedTable } from '../../shared/paged-table';
import { TextColumn } from '../../shared/text-column';
import { eventsLabel, WEBHOOK_EVENT_OPTIONS } from './webhook-labels';

/** What an endpoint can subscribe to: event types, or `*`. */
type Subscription = CreateWebhookEndpointRequestDto['events'][number];

/** A secret just made, shown once: the API never shows it again. */
interface ShownSecret {
  url: string;
  secret: string;
  rotated: boolean;
}

/**
 * `/admin/webhooks`: where other services get events (docs/design.md §14). An admin registers an
 * endpoint and copies its signing secret, shown once; enables and disables, rotates the secret
 * (the old one signs for 24 more hours), deletes, and opens an endpoint's delivery log.
 */
@Component({
  selector: 'app-admin-webhooks-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    PagedTable,
    TextColumn,
  ],
  template: `
    <div class="page">
      <h1>Webhooks</h1>
      <p>
        Other services receive the events they subscribe to, signed with the endpoint's secret and retried for
        about a day and a half until they answer.
      </p>

      @if (shown(); as made) {
        <section class="secret" aria-labelledby="secret-heading" role="status">
          <h2 id="secret-heading">{{ made.rotated ? 'New signing secret' : 'Signing secret' }}</h2>
          <p>
            For {{ made.url }}. Copy it now: it will not be shown again.
            @if (made.rotated) {
              The previous secret keeps signing deliveries for 24 hours.
            }
          </p>
          <code data-testid="webhook-secret">{{ made.secret }}</code>
          <div class="form-actions">
            <button matButton type="button" (click)="copy(made.secret)">Copy</button>
            <button matButton type="button" (click)="shown.set(null)">Done</button>
          </div>
        </section>
      }

      <h2>Register an endpoint</h2>
      @if (submission.error(); as message) {
        <p class="message error" role="alert">{{ message }}</p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="create()" novalidate>
        <mat-form-field>
          <mat-label>URL</mat-label>
          <input
            matInput
            type="url"
            formControlName="url"
            required
            placeholder="https://hooks.example.com/wallet"
          />
          <mat-hint>https: and a public address.</mat-hint>
          <mat-error>{{ errorText(form.controls.url, 'URL') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Events</mat-label>
          <mat-select formControlName="events" multiple required>
            @for (option of eventOptions; track option.value) {
              <mat-option [value]="option.value">{{ option.label }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ errorText(form.controls.events, 'Events') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Description (optional)</mat-label>
          <input matInput formControlName="description" />
          <mat-error>{{ errorText(form.controls.description, 'Description') }}</mat-error>
        </mat-form-field>
        @if (submission.submitting()) {
          <mat-progress-bar mode="indeterminate" aria-label="Registering the endpoint" />
        }
        <div class="form-actions">
          <button matButton="filled" type="submit" [disabled]="submission.submitting()">Register</button>
        </div>
      </form>

      <h2>Endpoints</h2>
      <app-paged-table
        [list]="list"
        [error]="actionError()"
        [(pageIndex)]="pageIndex"
        [(pageSize)]="pageSize"
        loadingLabel="Loading webhook endpoints"
        pagesLabel="Pages of webhook endpoints"
        emptyText="No endpoint is registered."
        [columnCount]="columns.length"
      >
        <table mat-table [dataSource]="list.rows()">
          <caption class="visually-hidden">
            Webhook endpoints, newest first
          </caption>
          <ng-container matColumnDef="url">
            <th mat-header-cell *matHeaderCellDef scope="col">URL</th>
            <td mat-cell *matCellDef="let endpoint">
              <a [routerLink]="['/admin/webhooks', endpoint.id]">{{ endpoint.url }}</a>
              @if (endpoint.description) {
                <br /><small>{{ endpoint.description }}</small>
              }
            </td>
          </ng-container>
          <app-text-column name="events" header="Events" [value]="eventsOf" />
          <app-text-column name="enabled" header="Status" [value]="statusOf" />
          <app-text-column name="createdAt" header="Registered" kind="date" />
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
            <td mat-cell *matCellDef="let endpoint">
              <button
                matButton
                type="button"
                [disabled]="acting() === endpoint.id"
                (click)="setEnabled(endpoint, !endpoint.enabled)"
                [attr.aria-label]="(endpoint.enabled ? 'Disable ' : 'Enable ') + endpoint.url"
              >
                {{ endpoint.enabled ? 'Disable' : 'Enable' }}
              </button>
              <button
                matButton
                type="button"
                [disabled]="acting() === endpoint.id"
                (click)="rotate(endpoint)"
                [attr.aria-label]="'Rotate secret of ' + endpoint.url"
              >
                Rotate secret
              </button>
              <button
                matButton
                type="button"
                [disabled]="acting() === endpoint.id"
                (click)="remove(endpoint)"
                [attr.aria-label]="'Delete ' + endpoint.url"
              >
                Delete
              </button>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let endpoint; columns: columns"></tr>
        </table>
      </app-paged-table>
    </div>
  `,
  styles: `
    .secret {
      margin-block: 1rem;
      padding: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }
    .secret code {
      display: block;
      overflow-wrap: anywhere;
      font-size: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminWebhooksPage {
  private readonly api = inject(SessionService).api;
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly errorText = errorText;
  protected readonly eventOptions = WEBHOOK_EVENT_OPTIONS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    url: ['', [Validators.required, Validators.maxLength(2048)]],
    events: [[] as Subscription[], [Validators.required]],
    description: ['', [Validators.maxLength(500)]],
  });
  protected readonly submission = new FormSubmission(this.form, 'admin');

  protected readonly columns = ['url', 'events', 'enabled', 'createdAt', 'actions'];
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  protected readonly list = new PagedRows<WebhookEndpointResponseDto>('admin');
  protected readonly acting = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly shown = signal<ShownSecret | null>(null);

  private readonly query = computed(() => ({ page: this.pageIndex() + 1, limit: this.pageSize() }));

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.reload(query));
    });
  }

  protected readonly eventsOf = (endpoint: WebhookEndpointResponseDto) => eventsLabel(endpoint.events);
  protected readonly statusOf = (endpoint: WebhookEndpointResponseDto) =>
    endpoint.enabled ? 'Enabled' : 'Disabled';

  protected async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { url, events, description } = this.form.getRawValue();
    const created = await this.submission.run(() =>
      this.api.admin.createWebhookEndpoint({
        requestBody: {
          url: url.trim(),
          events,
          ...(description.trim() ? { description: description.trim() } : {}),
        },
      }),
    );
    if (!created) return;
    this.show(created, false);
    this.form.reset();
    this.pageIndex.set(0);
    this.reload(this.query());
  }

  protected setEnabled(endpoint: WebhookEndpointResponseDto, enabled: boolean): Promise<void> {
    return this.act(
      endpoint,
      () => this.api.admin.updateWebhookEndpoint({ id: endpoint.id, requestBody: { enabled } }),
      enabled ? 'Endpoint enabled.' : 'Endpoint disabled: it receives nothing until enabled again.',
    );
  }

  protected async rotate(endpoint: WebhookEndpointResponseDto): Promise<void> {
    const sure = await confirm(this.dialog, {
      title: 'Rotate the signing secret?',
      message: `${endpoint.url} gets a new secret. The current one keeps signing deliveries for 24 hours, so the receiving service can switch over.`,
      confirm: 'Rotate',
    });
    if (!sure) return;
    await this.act(
      endpoint,
      async () => this.show(await this.api.admin.rotateWebhookSecret({ id: endpoint.id }), true),
      'Secret rotated.',
    );
  }

  protected async remove(endpoint: WebhookEndpointResponseDto): Promise<void> {
    const sure = await confirm(this.dialog, {
      title: 'Delete this endpoint?',
      message: `${endpoint.url} will receive nothing more, and its delivery log is deleted with it.`,
      confirm: 'Delete',
    });
    if (!sure) return;
    await this.act(
      endpoint,
      () => this.api.admin.deleteWebhookEndpoint({ id: endpoint.id }),
      'Endpoint deleted.',
    );
  }

  protected async copy(secret: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(secret);
      this.snackBar.open('Secret copied.', 'Close', { duration: 3000, politeness: 'polite' });
    } catch {
      this.snackBar.open('Could not copy: select the secret and copy it.', 'Close', { duration: 5000 });
    }
  }

  private show(endpoint: WebhookEndpointWithSecretResponseDto, rotated: boolean): void {
    this.shown.set({ url: endpoint.url, secret: endpoint.secret, rotated });
  }

  private async act(
    endpoint: WebhookEndpointResponseDto,
    call: () => Promise<unknown>,
    done: string,
  ): Promise<void> {
    this.acting.set(endpoint.id);
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

  private reload(query: { page: number; limit: number }): void {
    void this.list.fetch(() => this.api.admin.listWebhookEndpoints(query));
  }
}
