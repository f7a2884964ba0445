import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { SessionService } from '../session/session.service';
import { FormSubmission } from '../shared/form-submission';
import { errorText } from '../shared/forms';

/** `/login` for users and `/admin/login` for admins (route data `admin`). */
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
  });

  protected readonly submission = new FormSubmission(this.form, 'sign-in', { signedIn: false });

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    await this.submission.run(async () => {
      await this.session.signIn(email.trim(), password, this.admin());
      await this.router.navigateByUrl(this.session.homeUrl());
    });
  }
}
