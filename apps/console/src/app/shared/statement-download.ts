import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeError, endsSession } from '../api/error-messages';
import { dayOf, daysInOrder, endOfDay, startOfDay } from './date-range';

/**
 * "Download statement": the CSV statement of the days chosen (docs/design.md §13), both days
 * included, saved as a file. For a user's own wallet and, on a user's page, for admins: the page
 * passes how to fetch it.
 */
@Component({
  selector: 'app-statement-download',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule],
  template: `
    <form class="statement" (ngSubmit)="download()">
      <mat-form-field>
        <mat-label>Statement from</mat-label>
        <input matInput type="date" name="from" [(ngModel)]="from" required />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Statement to</mat-label>
        <input matInput type="date" name="to" [(ngModel)]="to" required />
        <mat-hint>Includes the day</mat-hint>
      </mat-form-field>
      <button matButton="outlined" type="submit" [disabled]="busy()">Download statement</button>
    </form>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" aria-label="Preparing the statement" />
    }
    @if (error(); as message) {
      <p class="message error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    .statement {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatementDownload {
  /** Fetches the CSV of [from, to) (ISO instants). */
  readonly fetch = input.required<(from: string, to: string) => Promise<string>>();
  /** The start of the file's name, e.g. `statement` or the user's name. */
  readonly fileName = input('statement');

  protected from = dayOf(new Date(new Date().getFullYear(), new Date().getMonth(), 1));
  protected to = dayOf(new Date());
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async download(): Promise<void> {
    const [from, to] = [startOfDay(this.from), endOfDay(this.to)];
    if (!from || !to) return this.error.set('Choose the first and the last day of the statement.');
    if (!daysInOrder(this.from, this.to)) return this.error.set('The last day is before the first.');
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const csv = await this.fetch()(from, to);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${this.fileName()}-${this.from}-to-${this.to}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      if (!endsSession(error)) this.error.set(describeError(error, 'other').message);
    } finally {
      this.busy.set(false);
    }
  }
}
