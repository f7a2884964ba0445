import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { TotpSetupResponseDto, TotpStatusResponseDto } from '@wallet/sdk';
import { toDataURL } from 'qrcode';
import { describeError, endsSession } from '../../api/error-messages';
import { SessionService } from '../../session/session.service';
import { FormSubmission } from '../../shared/form-submission';
import { errorText } from '../../shared/forms';

/**
 * `/admin/security`: the admin's second factor (docs/design.md §15). Set up shows the secret as a QR code
 * for an authenticator app and as text; the app's first code turns it on, and the ten recovery
 * codes are shown this once.
 */
@Component({
  selector: 'app-admin-security-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  template: `
    <div class="page">
      <h1>Security</h1>
      @if (loadError(); as message) {
        <p class="message error" role="alert">{{ message }}</p>
      }
      @if (recoveryCodes(); as codes) {
        <p class="message success" role="status">Two-step sign-in is on.</p>
        <mat-card appearance="outlined">
          <mat-card-header><h2 mat-card-title>Your recovery codes</h2></mat-card-header>
          <mat-card-content>
            <p>
              Each code signs you in once if you lose your phone. Keep them somewhere safe now: they are not
              shown again.
            </p>
            <ol class="codes" aria-label="Recovery codes">
              @for (code of codes; track code) {
                <li>
                  <code>{{ code }}</code>
                </li>
              }
            </ol>
          </mat-card-content>
        </mat-card>
      } @else if (status(); as status) {
        @if (status.enabled) {
          <p class="message info" role="status">
            Two-step sign-in is on since {{ status.enabledAt | date: 'medium' }};
            {{ status.recoveryCodesLeft }} of 10 recovery codes left.
          </p>
          <p>
            Lost your phone and your codes? Another administrator can reset your second factor from your user
            page, and you set it up again.
          </p>
        } @else if (setup(); as setup) {
          <mat-card appearance="outlined">
            <mat-card-header><h2 mat-card-title>Set up your authenticator app</h2></mat-card-header>
            <mat-card-content>
              <p>Scan this code with an authenticator app, or type the key into it.</p>
              @if (qrCode(); as image) {
                <img [src]="image" width="200" height="200" alt="QR code of your authenticator key" />
              }
              <p>
                Key: <code data-testid="totp-secret">{{ setup.secret }}</code>
              </p>
              @if (enabling.error(); as message) {
                <p class="message error" role="alert">{{ message }}</p>
              }
              <form class="form" [formGroup]="codeForm" (ngSubmit)="enable()" novalidate>
                <mat-form-field>
                  <mat-label>Code from the app</mat-label>
                  <input
                    matInput
                    formControlName="code"
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    required
                  />
                  <mat-hint>The 6 digits it shows now</mat-hint>
                  <mat-error>{{ errorText(codeForm.controls.code, 'Code') }}</mat-error>
                </mat-form-field>
                @if (enabling.submitting()) {
                  <mat-progress-bar mode="indeterminate" aria-label="Turning two-step sign-in on" />
                }
                <div class="form-actions">
                  <button matButton="filled" type="submit" [disabled]="enabling.submitting()">Turn on</button>
                </div>
              </form>
            </mat-card-content>
          </mat-card>
        } @else {
          <p>
            Two-step sign-in is off. With it on, signing in as an administrator also needs a code from an
            authenticator app on your phone, so a stolen password is not enough.
          </p>
          @if (starting.error(); as message) {
            <p class="message error" role="alert">{{ message }}</p>
          }
          <button matButton="filled" type="button" [disabled]="starting.submitting()" (click)="start()">
            Set up two-step sign-in
          </button>
        }
      }
    </div>
  `,
  styles: `
    .codes {
      columns: 2;
      font-size: 1.1em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSecurityPage implements OnInit {
  private readonly api = inject(SessionService).api;
  protected readonly errorText = errorText;
  protected readonly status = signal<TotpStatusResponseDto | null>(null);
  protected readonly setup = signal<TotpSetupResponseDto | null>(null);
  protected readonly qrCode = signal<string | null>(null);
  protected readonly recoveryCodes = signal<string[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly codeForm = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
  });
  protected readonly starting = new FormSubmission(this.codeForm, 'admin');
  protected readonly enabling = new FormSubmission(this.codeForm, 'admin');

  ngOnInit(): void {
    this.api.auth.totpStatus().then(
      (status) => this.status.set(status),
      (error: unknown) => {
        if (!endsSession(error)) this.loadError.set(describeError(error, 'admin').message);
      },
    );
  }

  protected async start(): Promise<void> {
    const setup = await this.starting.run(() => this.api.auth.setupTotp());
    if (!setup) return;
    this.setup.set(setup);
    this.qrCode.set(await toDataURL(setup.otpauthUrl, { width: 200, margin: 1 }));
  }

  protected async enable(): Promise<void> {
    if (this.codeForm.invalid) {
      this.codeForm.markAllAsTouched();
      return;
    }
    const code = this.codeForm.getRawValue().code.trim();
    const enabled = await this.enabling.run(() => this.api.auth.enableTotp({ requestBody: { code } }));
    if (!enabled) return;
    this.recoveryCodes.set(enabled.recoveryCodes);
    this.setup.set(null);
  }
}
