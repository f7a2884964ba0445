import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  TemplateRef,
  contentChild,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  FormGroupDirective,
  ReactiveFormsModule,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApprovalRequestDto, TransactionResponseDto } from '@wallet/sdk';
import { errorText } from '../shared/forms';
import { MoneyFormState } from './money-form';
import { MoneyPipe } from './money.pipe';

/** What every money form has: the amount, in dollars as typed (see `amountValidator`). */
export interface AmountControls {
  amount: FormControl<string>;
}

export interface MoneyDoneContext {
  $implicit: TransactionResponseDto;
}

/**
 * Marks the confirmation a money form shows after a success, given the transaction:
 * `<ng-template appMoneyDone let-done>Withdrew {{ done.amount | money }}.</ng-template>`.
 */
@Directive({ selector: 'ng-template[appMoneyDone]' })
export class MoneyDone {
  readonly template = inject<TemplateRef<MoneyDoneContext>>(TemplateRef);

  static ngTemplateContextGuard(_directive: MoneyDone, _context: unknown): _context is MoneyDoneContext {
    return true;
  }
}

/**
 * The form of a money move (withdraw, transfer, deposit): its outcome (the confirmation the page
 * gives in an `appMoneyDone` template, or the error in words), the fields the page projects (the
 * recipient of a transfer, bound with `[formControl]`: they sit outside this form's element), the
 * amount, and one submit button that is disabled while the request is out (`MoneyFormState`).
 * A submission checks the form first; `send` makes the request; a success clears the form.
 */
@Component({
  selector: 'app-money-form',
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    MoneyPipe,
  ],
  template: `
    @if (state().requested(); as request) {
      <p class="message info" role="status">
        <span class="amount">{{ request.amount | money }}</span> is above the approval threshold, so it has
        not been deposited yet: it waits for another administrator to approve it on the Approvals page.
      </p>
    }
    @if (state().result(); as done) {
      <p class="message success" role="status">
        <ng-container *ngTemplateOutlet="outcome().template; context: { $implicit: done }" />
      </p>
    }
    @if (state().error(); as message) {
      <p class="message error" role="alert">{{ message }}</p>
    }
    <form class="form" [formGroup]="form()" (ngSubmit)="submit()" novalidate>
      <ng-content />
      <mat-form-field>
        <mat-label>Amount</mat-label>
        <span matTextPrefix>$&nbsp;</span>
        <input matInput formControlName="amount" inputmode="decimal" autocomplete="off" required />
        <mat-hint>{{ hint() }}</mat-hint>
        <mat-error>{{ errorText(form().controls.amount, 'Amount') }}</mat-error>
      </mat-form-field>
      @if (state().submitting()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="busyLabel()" />
      }
      <div class="form-actions">
        <button matButton="filled" type="submit" [disabled]="state().submitting()">{{ action() }}</button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoneyForm<Controls extends AmountControls & Record<keyof Controls, AbstractControl>> {
  /** Its `amount` is this component's; any other control is the page's, projected. */
  readonly form = input.required<FormGroup<Controls>>();
  /** The submit cycle whose outcome this form shows. */
  readonly state = input.required<MoneyFormState<unknown>>();
  /** The button's words, e.g. `Withdraw`. */
  readonly action = input.required<string>();
  /** Names the progress bar while the request is out, e.g. `Withdrawing`. */
  readonly busyLabel = input.required<string>();
  readonly hint = input('In dollars, for example 25.00');
  /** Makes the request of a valid form (through `state`): the transaction, or null if it did not go through. */
  readonly send = input.required<() => Promise<TransactionResponseDto | ApprovalRequestDto | null>>();
  /** After every request, whatever its outcome: the page refreshes what the money move changed. */
  readonly settled = output<TransactionResponseDto | ApprovalRequestDto | null>();

  protected readonly errorText = errorText;
  protected readonly outcome = contentChild.required(MoneyDone);
  private readonly formDirective = viewChild.required(FormGroupDirective);

  protected async submit(): Promise<void> {
    const form = this.form();
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    const done = await this.send()();
    // resetForm, not reset: it also forgets the submission, so the empty field shows no error.
    if (done) this.formDirective().resetForm();
    this.settled.emit(done);
  }
}
