import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeError, endsSession } from '../api/error-messages';
import { SessionService } from '../session/session.service';
import { confirm } from '../shared/confirm-dialog';

/** `/account`: who is signed in, and deactivating one's own account (behind a confirmation). */
@Component({
  selector: 'app-account-page',
  imports: [DatePipe, MatCardModule, MatButtonModule, MatProgressBarModule],
  template: `
    <div class="page">
      <h1>Account</h1>
      @if (session.user(); as user) {
        <mat-card appearance="outlined" class="card">
          <mat-card-content>
            <dl class="details">
              <dt>Name</dt>
              <dd>{{ user.name }}</dd>
              <dt>Email</dt>
              <dd>{{ user.email }}</dd>
              <dt>Status</dt>
              <dd>{{ user.status === 'active' ? 'Active' : 'Inactive' }}</dd>
              <dt>Member since</dt>
              <dd>{{ user.createdAt | date: 'longDate' }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
      }
      <section class="danger-zone" aria-labelledby="deactivate-heading">
        <h2 id="deactivate-heading">Deactivate your account</h2>
        <p>
          You will be signed out at once and will not be able to sign in again until an administrator
          activates your account. Your balance stays in your wallet.
        </p>
        @if (error(); as message) {
          <p class="message error" role="alert">{{ message }}</p>
        }
        @if (working()) {
          <mat-progress-bar mode="indeterminate" aria-label="Deactivating" />
        }
        <button matButton="outlined" type="button" [disabled]="working()" (click)="deactivate()">
          Deactivate
        </button>
      </section>
    </div>
  `,
  styles: `
    .card {
      max-width: 560px;
      margin-bottom: 32px;
    }
    .danger-zone {
      max-width: 560px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountPage {
  protected readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  protected readonly working = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async deactivate(): Promise<void> {
    const sure = await confirm(this.dialog, {
      title: 'Deactivate your account?',
      message:
        'You will be signed out now and cannot sign in again until an administrator activates your account.',
      confirm: 'Deactivate',
    });
    if (!sure) return;
    this.working.set(true);
    this.error.set(null);
    try {
      await this.session.api.users.deactivateMe();
      await this.session.end('deactivated');
    } catch (error) {
      if (!endsSession(error)) this.error.set(describeError(error).message);
    } finally {
      this.working.set(false);
    }
  }
}
