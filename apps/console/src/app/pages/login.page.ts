import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterNextRender,
  inject,
  input,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { codeRequired } from '../api/error-messages';
import { SessionService } from '../session/session.service';
import { FormSubmission } from '../shared/form-submission';
import { errorText } from '../shared/forms';

/**
 * `/login` for users and `/admin/login` for admins (route data `admin`). An admin with a second
 * factor is asked for its code once the password is known right (docs/design.md §15).
 */
@Component({
  selector: 'app-login-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
  ],
  templateUrl: './login.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** From the route's data. */
  readonly admin = input(false);

  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);
  protected readonly errorText = errorText;
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
    totpCode: [''],
  });
  /** The API answered TOTP_REQUIRED: the code field is shown and required. */
  protected readonly needsCode = signal(false);
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');
  private readonly injector = inject(Injector);

  protected readonly submission = new FormSubmission(this.form, 'sign-in', { signedIn: false });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password, totpCode } = this.form.getRawValue();
    await this.submission.run(async () => {
      try {
        await this.session.signIn(email.trim(), password, this.admin(), totpCode.trim() || undefined);
      } catch (error) {
        if (codeRequired(error)) this.askForCode();
        throw error;
      } finally {
        // A code is spent or refused either way: the next attempt needs the next one.
        this.form.controls.totpCode.setValue('');
      }
      await this.router.navigateByUrl(this.session.homeUrl());
    });
  }

  private askForCode(): void {
    this.needsCode.set(true);
    this.form.controls.totpCode.setValidators(Validators.required);
    this.form.controls.totpCode.markAsUntouched();
    afterNextRender(() => this.codeInput()?.nativeElement.focus(), { injector: this.injector });
  }
}
