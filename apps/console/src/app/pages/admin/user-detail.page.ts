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
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Title } from '@angular/platform-browser';
import type { AdminUserResponseDto } from '@wallet/sdk';
import { describeError, endsSession } from '../../api/error-messages';
import { amountValidator, centsOf } from '../../money/amount';
import { isApprovalRequest, MoneyFormState } from '../../money/money-form';
import { MoneyDone, MoneyForm } from '../../money/money-form.component';
import { MoneyPipe } from '../../money/money.pipe';
import { SessionService } from '../../session/session.service';
import { confirm } from '../../shared/confirm-dialog';
import { FormSubmission } from '../../shared/form-submission';
import { errorText } from '../../shared/forms';
import { ApprovalsTable } from '../../shared/approvals-table';
import { AuditLogTable } from '../../shared/audit-log-table';
import { reverseTransaction } from '../../shared/reverse-dialog';
import { StatementDownload } from '../../shared/statement-download';
import { HistoryQuery, TransactionsTable } from '../../shared/transactions-table';
import type { TransactionResponseDto } from '@wallet/sdk';

type AccountAction = 'freeze' | 'unfreeze' | 'activate' | 'deactivate';

const DONE: Record<AccountAction, string> = {
  freeze: 'Wallet frozen.',
  unfreeze: 'Wallet unfrozen.',
  activate: 'Account activated.',
  deactivate: 'Account deactivated; their sessions have ended.',
};

/**
 * `/admin/users/:id`: one user, with deposit, freeze, unfreeze, activate, deactivate, their history,
 * the four-eyes requests on them and the admin actions on them; for another admin, the reset of
 * their second factor (docs/design.md §15).
 */
@Component({
  selector: 'app-admin-user-detail-page',
  imports: [
    DatePipe,
    RouterLink,
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    MoneyForm,
    MoneyDone,
    MoneyPipe,
    TransactionsTable,
    AuditLogTable,
    StatementDownload,
    ApprovalsTable,
  ],
  templateUrl: './user-detail.page.html',
  styleUrl: './user-detail.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUserDetailPage {
  /** From the route (`:id`). */
  readonly id = input.required<string>();

  private readonly session = inject(SessionService);
  private readonly api = this.session.api;
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly title = inject(Title);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly errorText = errorText;
  protected readonly user = signal<AdminUserResponseDto | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly depositForm = this.fb.group({ amount: ['', amountValidator] });
  protected readonly reasonForm = this.fb.group({ reason: ['', Validators.maxLength(500)] });
  protected readonly deposit = new MoneyFormState<{ amount: number }>(this.depositForm, 'deposit');
  /** The deposit form's request, for this user. */
  protected readonly sendDeposit = () => {
    const id = this.id();
    return this.deposit.submit(
      { amount: centsOf(this.depositForm.getRawValue().amount) },
      (requestBody, idempotencyKey) => this.api.admin.deposit({ id, idempotencyKey, requestBody }),
    );
  };
  /** Freeze, unfreeze, activate, deactivate: one at a time, refusals shown above the reason. */
  protected readonly account = new FormSubmission(this.reasonForm, 'admin');
  private readonly history = viewChild(TransactionsTable);
  private readonly actions = viewChild(AuditLogTable);
  private readonly approvals = viewChild(ApprovalsTable);
  /** Another admin's page: their second factor can be reset here, never one's own. */
  protected readonly canResetTotp = computed(() => {
    const user = this.user();
    return user?.role === 'admin' && user.id !== this.session.user()?.id;
  });
  protected readonly resetting = new FormSubmission(this.reasonForm, 'admin');
  /** The history table's source: this user's transactions. */
  protected readonly load = computed(() => {
    const id = this.id();
    return (query: HistoryQuery) => this.api.admin.getUserTransactions({ id, ...query });
  });
  /** This user's CSV statement (docs/design.md §13). */
  protected readonly statement = computed(() => {
    const id = this.id();
    return (from: string, to: string) => this.api.admin.getUserStatementCsv({ id, from, to });
  });
  /**
   * Reverses one of this user's rows behind the dialog's reason and confirmation (docs/design.md
   * §13); the user, their history and the admin actions are read again once it is done.
   */
  protected readonly reverse = async (transaction: TransactionResponseDto): Promise<void> => {
    const reversal = await reverseTransaction(this.dialog, {
      transaction,
      send: (reason, idempotencyKey) =>
        this.api.admin.reverse({ id: transaction.id, idempotencyKey, requestBody: { reason } }),
    });
    if (!reversal) return;
    await this.loadUser(this.id());
    this.actions()?.reload();
    this.approvals()?.reload();
    const done = isApprovalRequest(reversal)
      ? 'Above the approval threshold: the reversal waits for another administrator to approve it.'
      : 'Transaction reversed.';
    this.snackBar.open(done, 'Close', { duration: 5000, politeness: 'polite' });
  };

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.loadUser(id));
    });
  }

  protected async act(action: AccountAction): Promise<void> {
    const user = this.user();
    if (!user || this.account.submitting()) return;
    if (this.reasonForm.invalid) {
      this.reasonForm.markAllAsTouched();
      return;
    }
    if (
      action === 'deactivate' &&
      !(await confirm(this.dialog, {
        title: `Deactivate ${user.name}?`,
        message: 'They are signed out at once and cannot sign in until an admin activates the account again.',
        confirm: 'Deactivate',
      }))
    )
      return;
    const id = user.id;
    const reason = this.reasonForm.getRawValue().reason.trim();
    const requestBody = reason ? { reason } : {};
    const updated = await this.account.run(() => {
      const admin = this.api.admin;
      return action === 'freeze'
        ? admin.freeze({ id, requestBody })
        : action === 'unfreeze'
          ? admin.unfreeze({ id, requestBody })
          : action === 'activate'
            ? admin.activate({ id })
            : admin.deactivate({ id });
    });
    if (!updated) return;
    this.user.set(updated);
    // The balance may have moved since the page loaded: keep the tables as fresh as the user.
    this.history()?.reload();
    this.actions()?.reload();
    if (action === 'freeze' || action === 'unfreeze') this.reasonForm.reset();
    this.snackBar.open(DONE[action], 'Close', { duration: 5000, politeness: 'polite' });
  }

  protected async refresh(): Promise<void> {
    await this.loadUser(this.id());
    this.history()?.reload();
    this.actions()?.reload();
    this.approvals()?.reload();
  }

  protected async resetTotp(): Promise<void> {
    const user = this.user();
    if (!user) return;
    const sure = await confirm(this.dialog, {
      title: `Reset ${user.name}’s two-step sign-in?`,
      message:
        'Their authenticator app and recovery codes stop working. They sign in with their password alone ' +
        'and set up two-step sign-in again. Do this only when you are sure it is them who lost their device.',
      confirm: 'Reset',
    });
    if (!sure) return;
    const done = await this.resetting.run(async () => {
      await this.api.admin.resetTotp({ id: user.id });
      return true;
    });
    if (!done) return;
    this.snackBar.open('Two-step sign-in reset.', 'Close', { duration: 5000, politeness: 'polite' });
  }

  private async loadUser(id: string): Promise<void> {
    try {
      const user = await this.api.admin.getUser({ id });
      this.user.set(user);
      this.loadError.set(null);
      this.title.setTitle(`${user.name} · Users · Digital Wallet`);
    } catch (error) {
      if (!endsSession(error)) this.loadError.set(describeError(error, 'admin').message);
    }
  }
}
